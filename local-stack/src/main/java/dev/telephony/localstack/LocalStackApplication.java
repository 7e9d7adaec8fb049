package dev.telephony.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.telephony.localstack.Options.OptionsException;

/**
 * Entry point of {@code local-stack}: see {@link Options#USAGE}.
 */
public final class LocalStackApplication {

	static final String LOG_FILE_PROPERTY = "localstack.log.file";

	private LocalStackApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
		Options options;
		try {
			options = Options.parse(args, Path.of("").toAbsolutePath());
		}
		catch (OptionsException ex) {
			err.println("local-stack: " + ex.getMessage());
			err.println();
			err.print(Options.USAGE);
			return 2;
		}
		if (options.help()) {
			out.print(Options.USAGE);
			return 0;
		}
		StackPaths paths = new StackPaths(options.root(), options.dataDir());
		try {
			Files.createDirectories(paths.logsDir());
		}
		catch (IOException ex) {
			err.println("local-stack: cannot create " + paths.logsDir() + ": " + ex.getMessage());
			return 1;
		}
		// Must happen before the first logger is created: log4j2.xml reads it once.
		System.setProperty(LOG_FILE_PROPERTY, paths.log("local-stack").toString());
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		return new LocalStack(options, System.getenv(), java, out, err).run();
	}

}
