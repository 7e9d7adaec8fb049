package dev.telephony.gateway.mcp;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Who may reach the MCP endpoint from a browser's point of view (DNS-rebinding
 * protection), how big a message may be, and how its event streams are kept alive.
 *
 * @param allowedHosts Host header values accepted on /mcp; {@code host:*} allows any port
 * @param allowedOrigins Origin header values accepted on /mcp when a browser sends one
 * @param maxRequestBody the largest message /mcp accepts; bigger ones get 413
 * @param streamHeartbeat how often an open event stream gets an SSE comment, so that a
 * client that went away is noticed and proxies keep the stream open
 * @param sessionIdleTimeout how long an MCP session is kept without a request and without
 * an open stream; after it the session is forgotten and its client gets 404, upon which
 * it starts a new one
 */
@Validated
@ConfigurationProperties("telephony.gateway")
public record McpTransportProperties(@DefaultValue( {
		"localhost", "localhost:*", "127.0.0.1", "127.0.0.1:*", "[::1]",
		"[::1]:*" }) @NotEmpty List<String> allowedHosts,
		@DefaultValue({ "http://localhost:*", "http://127.0.0.1:*",
				"http://[::1]:*" }) @NotNull List<String> allowedOrigins,
		@DefaultValue("256KB") @NotNull DataSize maxRequestBody,
		@DefaultValue("15s") @NotNull @DurationMin(millis = 100) Duration streamHeartbeat,
		@DefaultValue("30m") @NotNull @DurationMin(millis = 100) Duration sessionIdleTimeout){

	public McpTransportProperties {
		if (maxRequestBody != null
				&& (maxRequestBody.toBytes() < 1024 || maxRequestBody.toBytes() > DataSize.ofMegabytes(64).toBytes())) {
			throw new IllegalArgumentException(
					"telephony.gateway.max-request-body must be between 1KB and 64MB, not " + maxRequestBody);
		}
	}

}
