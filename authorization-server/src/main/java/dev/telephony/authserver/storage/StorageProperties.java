package dev.telephony.authserver.storage;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where this server keeps its state.
 *
 * @param dataDir the directory of the embedded H2 database (clients, authorizations,
 * consents and the signing key); unused when {@code spring.datasource.url} points
 * elsewhere
 */
@Validated
@ConfigurationProperties("telephony.auth")
public record StorageProperties(@NotNull Path dataDir) {

}
