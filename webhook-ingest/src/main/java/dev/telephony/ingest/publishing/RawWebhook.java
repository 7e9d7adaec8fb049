package dev.telephony.ingest.publishing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * One webhook request as it arrived: the exact body bytes (signatures cover them) and the
 * query parameters in their original order (a GET webhook's payload hash depends on it).
 *
 * @param source the kind of webhook, used in metrics and problems
 * @param method the HTTP method
 * @param contentType the Content-Type header, or null
 * @param authorization the Authorization header, or null
 * @param query the query parameters, first value of each, in order
 * @param body the body bytes, empty when there is none
 */
public record RawWebhook(String source, String method, String contentType, String authorization,
		Map<String, String> query, byte[] body) {

	/**
	 * Read the request. The body is read here, before anything asks the servlet container
	 * for parameters, which would consume a form body.
	 * @throws WebhookRejectedException 413 when the body is larger than
	 * {@code maxBodyBytes}
	 */
	public static RawWebhook read(String source, HttpServletRequest request, long maxBodyBytes) {
		if (request.getContentLengthLong() > maxBodyBytes) {
			throw tooLarge(source, maxBodyBytes);
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
		}
		catch (IOException ex) {
			throw WebhookRejectedException.invalid(source, HttpStatus.BAD_REQUEST,
					"The webhook body could not be read: " + ex.getMessage());
		}
		if (body.length > maxBodyBytes) {
			throw tooLarge(source, maxBodyBytes);
		}
		return new RawWebhook(source, request.getMethod(), request.getContentType(),
				request.getHeader(HttpHeaders.AUTHORIZATION), parseForm(request.getQueryString()), body);
	}

	/**
	 * Parse {@code application/x-www-form-urlencoded} text, keeping the order; the first
	 * value of a repeated name wins.
	 */
	public static Map<String, String> parseForm(String text) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (text == null || text.isEmpty()) {
			return Collections.unmodifiableMap(parameters);
		}
		for (String pair : text.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			parameters.putIfAbsent(name, value);
		}
		return Collections.unmodifiableMap(parameters);
	}

	/** The body as a JSON object. */
	public ObjectNode jsonObject(JsonMapper json) {
		if (this.body.length == 0) {
			throw WebhookRejectedException.invalid(this.source, HttpStatus.BAD_REQUEST, "The webhook has no body.");
		}
		JsonNode tree;
		try {
			tree = json.readTree(this.body);
		}
		catch (JacksonException ex) {
			throw WebhookRejectedException.invalid(this.source, HttpStatus.BAD_REQUEST,
					"The webhook body is not JSON: " + ex.getOriginalMessage());
		}
		if (!(tree instanceof ObjectNode object)) {
			throw WebhookRejectedException.invalid(this.source, HttpStatus.BAD_REQUEST,
					"The webhook body is not a JSON object.");
		}
		return object;
	}

	public boolean isGet() {
		return "GET".equalsIgnoreCase(this.method);
	}

	public boolean hasFormBody() {
		if (this.contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(MediaType.parseMediaType(this.contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	public String bodyText() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/** A query parameter, or null when absent or blank. */
	public String queryParameter(String name) {
		String value = this.query.get(name);
		return (value == null || value.isBlank()) ? null : value;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A stray '%': keep the text rather than drop the parameter.
			return text;
		}
	}

	private static WebhookRejectedException tooLarge(String source, long maxBodyBytes) {
		return WebhookRejectedException.invalid(source, HttpStatus.CONTENT_TOO_LARGE,
				"The webhook body is larger than " + maxBodyBytes + " bytes.");
	}

}
