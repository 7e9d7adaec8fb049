package dev.telephony.authserver.registration;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Client ID metadata documents (the MCP 2025-11-25 way for a client to be known without
 * registering): a client_id that is an https URL names a JSON document that describes the
 * client, fetched from there.
 *
 * @param enabled whether such client ids are accepted
 * @param timeout how long fetching a document may take
 * @param refreshAfter how long a fetched document is trusted before it is fetched again
 * @param allowHttpLoopback accept http documents on loopback addresses; for tests only,
 * never in production
 */
@Validated
@ConfigurationProperties("telephony.auth.client-metadata")
public record ClientMetadataProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("5s") @NotNull Duration timeout, @DefaultValue("1h") @NotNull Duration refreshAfter,
		@DefaultValue("false") boolean allowHttpLoopback) {

}
