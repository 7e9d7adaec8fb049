package dev.telephony.ingest.publishing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refused webhooks as RFC 9457 problems, each counted with its outcome. */
@RestControllerAdvice
class WebhookProblems {

	private static final Logger logger = LoggerFactory.getLogger(WebhookProblems.class);

	private final WebhookMetrics metrics;

	WebhookProblems(WebhookMetrics metrics) {
		this.metrics = metrics;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> rejected(WebhookRejectedException ex) {
		this.metrics.received(ex.source(), ex.outcome());
		if (ex.signatureFailure() != null) {
			this.metrics.signatureRejected(ex.source(), ex.signatureFailure());
			logger.warn("Refused {} webhook: {}", ex.source(), ex.getMessage());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status());
		if (ex.status() == HttpStatus.SERVICE_UNAVAILABLE) {
			logger.warn("Refusing {} webhook, Kafka is unavailable: {}", ex.source(), String.valueOf(ex.getCause()));
			// Vonage retries on 503; the header helps any other client do the same.
			response.header(HttpHeaders.RETRY_AFTER, "5");
		}
		return response.body(ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage()));
	}

}
