package dev.telephony.gateway.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;

/**
 * The one shape of every error body on /mcp: a JSON-RPC error object whose message says
 * what to do next. Codes outside JSON-RPC's own come from its server-error range, one per
 * HTTP status, so that a client can branch on either.
 */
public final class JsonRpcErrors {

	/** Request attribute holding the JSON-RPC id of the message being answered. */
	public static final String MESSAGE_ID_ATTRIBUTE = JsonRpcErrors.class.getName() + ".id";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonRpcErrors() {
	}

	/** Writes the error as the whole response, replacing whatever status was set. */
	public static void write(HttpServletResponse response, int status, JsonNode id, String message) throws IOException {
		byte[] body = body(status, id, message);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	static byte[] body(int status, JsonNode id, String message) {
		ObjectNode error = JSON.createObjectNode().put("code", code(status)).put("message", message);
		error.putObject("data").put("httpStatus", status);
		ObjectNode envelope = JSON.createObjectNode().put("jsonrpc", "2.0");
		envelope.set("id", (id != null) ? id : JSON.nullNode());
		envelope.set("error", error);
		return envelope.toString().getBytes(StandardCharsets.UTF_8);
	}

	static int code(int status) {
		return switch (status) {
			case 400 -> -32600;
			case 401 -> -32001;
			case 403 -> -32003;
			case 404 -> -32004;
			case 405 -> -32005;
			case 406 -> -32006;
			case 413 -> -32013;
			case 415 -> -32015;
			case 429 -> -32029;
			case 503 -> -32053;
			default -> (status >= 500) ? -32603 : -32600;
		};
	}

	/** Whether {@code body} already is a JSON-RPC error object. */
	static boolean isJsonRpcError(JsonNode body) {
		return body != null && "2.0".equals(body.path("jsonrpc").asString(null)) && body.path("error").isObject()
				&& body.path("error").path("code").isInt() && body.path("error").path("message").isString()
				&& !body.path("error").has("stackTrace");
	}

}
