package dev.telephony.gateway;

import java.io.IOException;

import dev.telephony.testsupport.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A gateway reachable from the network never runs without client tokens. */
class ExposureTests {

	@Test
	void refusesToStartOnEveryInterfaceWithoutAToken() throws IOException {
		int closed = FreePorts.next();
		int kafkaPort = closed;
		assertThatThrownBy(() -> McpGatewayApplication.builder()
			.run("--server.port=0", "--server.address=0.0.0.0",
					"--spring.kafka.bootstrap-servers=127.0.0.1:" + kafkaPort, "--spring.kafka.admin.fail-fast=false")
			.close()).rootCause()
			.isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("Refusing to start: /mcp would listen on 0.0.0.0 with no client token")
			.hasMessageContaining("MCP_AUTH_TOKENS");
	}

}
