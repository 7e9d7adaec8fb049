package dev.telephony.gateway.system;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the MCP gateway.
 *
 * @param defaultFrom the Vonage number (or alphanumeric sender id) used when a tool call
 * names no sender; {@code VONAGE_LVN}
 * @param defaultRegion ISO 3166 region for numbers written without a country code; empty
 * means every number must be international
 * @param commandTtl how long a command may wait to be executed before the dispatcher
 * drops it
 * @param maxWait how long a tool call blocks for an outcome before it answers "pending"
 * @param smsMaxLength the longest SMS text accepted, in characters (Vonage takes up to
 * 3200)
 * @param allowedHosts Host header values accepted on /mcp (DNS-rebinding protection);
 * {@code host:*} allows any port
 * @param allowedOrigins Origin header values accepted on /mcp when a browser sends one
 * @param kafkaSendTimeout how long to wait for Kafka to acknowledge a command
 * @param maxWaitCap the longest wait a tool call may ask for with {@code timeout_seconds}
 * or {@code wait_seconds}
 * @param lookBack how far back the call and message view replays the topics at start-up,
 * and how long it remembers
 * @param smsReplyWindow how long after sending a reply still counts as the answer to an
 * {@code sms_with_input}
 */
@Validated
@ConfigurationProperties("telephony.gateway")
public record GatewayProperties(@DefaultValue("") String defaultFrom,
		@DefaultValue("") @Pattern(regexp = "|[A-Z]{2}") String defaultRegion,
		@DefaultValue("30s") @NotNull Duration commandTtl, @DefaultValue("45s") @NotNull Duration maxWait,
		@DefaultValue("1600") @Min(1) @Max(3200) int smsMaxLength, @DefaultValue( {
				"localhost", "localhost:*", "127.0.0.1", "127.0.0.1:*", "[::1]",
				"[::1]:*" }) @NotEmpty List<String> allowedHosts,
		@DefaultValue({ "http://localhost:*", "http://127.0.0.1:*",
				"http://[::1]:*" }) @NotNull List<String> allowedOrigins,
		@DefaultValue("10s") @NotNull Duration kafkaSendTimeout, @DefaultValue("120s") @NotNull Duration maxWaitCap,
		@DefaultValue("24h") @NotNull Duration lookBack, @DefaultValue("1h") @NotNull Duration smsReplyWindow){

}
