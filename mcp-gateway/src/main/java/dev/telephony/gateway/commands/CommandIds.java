package dev.telephony.gateway.commands;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/** Command ids are UUIDv7: unique, and sortable by creation time in logs and topics. */
public final class CommandIds {

	private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

	private CommandIds() {
	}

	public static UUID next() {
		return GENERATOR.generate();
	}

}
