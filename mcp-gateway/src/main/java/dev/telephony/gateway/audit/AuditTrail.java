package dev.telephony.gateway.audit;

import dev.telephony.publishing.BackgroundPublisher;
import dev.telephony.publishing.CloudEvent;
import dev.telephony.publishing.KafkaPublishing;
import dev.telephony.schemas.AuditRecord;
import dev.telephony.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes audit records to Kafka without holding up the tool call that produced them. The
 * producer retries with acks from every replica; a record that still fails is counted and
 * logged by id, never with its content.
 */
@Component
public class AuditTrail {

	private static final Log logger = LogFactory.getLog(AuditTrail.class);

	static final String TYPE = "dev.telephony.audit.tool-call";

	private final BackgroundPublisher<String, AuditRecord> kafka;

	private final Counter written;

	private final Counter failed;

	private final boolean includeText;

	AuditTrail(KafkaTemplate<String, AuditRecord> kafka, KafkaPublishing publishing, AuditProperties properties,
			MeterRegistry meters) {
		this.kafka = publishing.backgroundPublisher(kafka, Topics.AUDIT);
		this.includeText = properties.includeText();
		this.written = counter(meters, "written");
		this.failed = counter(meters, "failed");
	}

	/** Whether records carry message text; the caller drops it otherwise. */
	public boolean includesText() {
		return this.includeText;
	}

	public void record(AuditRecord audit) {
		this.kafka
			.publish(audit.recordKey(), audit, new CloudEvent(audit.auditId().toString(), TYPE, audit.occurredAt()))
			.whenComplete((result, ex) -> {
				if (ex == null) {
					this.written.increment();
				}
				else {
					fail(audit, ex);
				}
			});
	}

	private void fail(AuditRecord audit, Throwable ex) {
		this.failed.increment();
		logger.error("audit record " + audit.auditId() + " of tool " + audit.tool() + " was not written: "
				+ ex.getClass().getSimpleName());
	}

	private static Counter counter(MeterRegistry meters, String outcome) {
		return Counter.builder("telephony.audit.records")
			.description("Audit records of tool calls, by whether Kafka took them")
			.tag("outcome", outcome)
			.register(meters);
	}

}
