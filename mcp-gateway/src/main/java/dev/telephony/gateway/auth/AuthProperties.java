package dev.telephony.gateway.auth;

import java.nio.file.Path;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use /mcp. Every source of tokens adds clients; a token names its client, and
 * that name is the {@code requestedBy} of everything the client does.
 *
 * @param tokens client name to the SHA-256 (hex) of its bearer token, so that
 * configuration files hold no usable secret
 * @param tokenFile a file of {@code <name> <sha256-hex>} lines, {@code #} for comments
 * @param plainTokens {@code name=token[,name=token…]}, hashed at start-up and then
 * forgotten; {@code MCP_AUTH_TOKENS}, for secrets handed in through the environment
 * @param anonymousOnLoopback whether a gateway bound to a loopback address with no token
 * configured lets local clients in without one
 * @param realm the realm named in {@code WWW-Authenticate}
 */
@Validated
@ConfigurationProperties("telephony.gateway.auth")
public record AuthProperties(@DefaultValue @NotNull Map<String, String> tokens, Path tokenFile,
		@DefaultValue("") String plainTokens, @DefaultValue("true") boolean anonymousOnLoopback,
		@DefaultValue("telephony-gateway") @NotBlank String realm) {

	@Override
	public String toString() {
		return "AuthProperties[clients=" + this.tokens.keySet() + ", tokenFile=" + this.tokenFile + ", plainTokens="
				+ (this.plainTokens.isBlank() ? "<none>" : "<redacted>") + ", anonymousOnLoopback="
				+ this.anonymousOnLoopback + ", realm=" + this.realm + "]";
	}

}
