package dev.telephony.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The end of a log file, to show why a service failed without opening the file.
 */
final class LogTail {

	// Stack traces have long lines; 64 KiB holds the last 30 of them in practice.
	private static final int MAX_BYTES = 64 * 1024;

	private LogTail() {
	}

	static String lastLines(Path file, int lines) {
		if (!Files.isRegularFile(file)) {
			return "(no log file " + file + ")";
		}
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			long start = Math.max(0, in.length() - MAX_BYTES);
			byte[] bytes = new byte[(int) (in.length() - start)];
			in.seek(start);
			in.readFully(bytes);
			List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
			if (all.size() == 1 && all.get(0).isEmpty()) {
				return "(" + file + " is empty)";
			}
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + file + ": " + ex.getMessage() + ")";
		}
	}

}
