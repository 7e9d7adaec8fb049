package dev.telephony.gateway.audit;

import java.nio.charset.StandardCharsets;

import dev.telephony.schemas.AuditRecord;
import dev.telephony.schemas.CloudEventHeaders;
import dev.telephony.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.beans.factory.annotation.Value;
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

	private final KafkaTemplate<String, AuditRecord> kafka;

	private final String source;

	private final Counter written;

	private final Counter failed;

	private final boolean includeText;

	AuditTrail(KafkaTemplate<String, AuditRecord> kafka, AuditProperties properties, MeterRegistry meters,
			@Value("${spring.application.name}") String applicationName) {
		this.kafka = kafka;
		this.source = "/" + applicationName;
		this.includeText = properties.includeText();
		this.written = counter(meters, "written");
		this.failed = counter(meters, "failed");
	}

	/** Whether records carry message text; the caller drops it otherwise. */
	public boolean includesText() {
		return this.includeText;
	}

	public void record(AuditRecord audit) {
		ProducerRecord<String, AuditRecord> record = new ProducerRecord<>(Topics.AUDIT, audit.recordKey(), audit);
		CloudEventHeaders.attributes(audit.auditId().toString(), TYPE, this.source, audit.occurredAt())
			.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		try {
			this.kafka.send(record).whenComplete((result, ex) -> {
				if (ex == null) {
					this.written.increment();
				}
				else {
					fail(audit, ex);
				}
			});
		}
		catch (RuntimeException ex) {
			fail(audit, ex);
		}
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
