package dev.telephony.benchmarks;

import java.util.Arrays;

/**
 * Entry point of the benchmarks jar: the harness by default, or with
 * {@code baseline-server} as first argument the baseline MCP server it starts as a child
 * process.
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("baseline-server")) {
			BaselineServer.run(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		System.exit(Harness.run(args));
	}

}
