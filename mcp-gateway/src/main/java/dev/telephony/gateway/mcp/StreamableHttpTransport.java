package dev.telephony.gateway.mcp;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.ProtocolVersions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * MCP's Streamable HTTP transport on Spring MVC, in which a request's answer stream does
 * not hold the HTTP request's thread. The SDK's own transport blocks the servlet thread
 * until the tool returns, so every waiting tool call kept that thread's whole stack (the
 * server, the security filter chain, MVC: about 30 KB) parked for minutes; here the
 * servlet thread starts the event stream and leaves, and the tool runs on a virtual
 * thread of its own whose stack holds little more than the tool. Sessions, the listening
 * stream, replay and deletion behave as the specification (2025-11-25) says. Every open
 * stream gets an SSE comment now and then, so that one whose client has gone fails a
 * write and ends its tool's wait.
 */
final class StreamableHttpTransport implements McpStreamableServerTransportProvider {

	private static final Log logger = LogFactory.getLog(StreamableHttpTransport.class);

	private final McpJsonMapper json;

	private final String endpoint;

	private final boolean disallowDelete;

	private final McpTransportContextExtractor<ServerRequest> contextExtractor;

	private final ServerTransportSecurityValidator securityValidator;

	private final Cancellations cancellations;

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	private final long sessionIdleNanos;

	// One virtual thread per request stream: tools block while they wait.
	private final Scheduler toolThreads = Schedulers
		.fromExecutorService(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mcp-tool-", 0).factory()));

	// Every open event stream, for the heartbeat; closed ones are dropped at the next
	// beat.
	private final Set<SseStream> open = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService heartbeats = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("mcp-heartbeat").factory());

	private volatile McpStreamableServerSession.Factory sessionFactory;

	private volatile boolean closing;

	StreamableHttpTransport(McpJsonMapper json, String endpoint, boolean disallowDelete,
			McpTransportContextExtractor<ServerRequest> contextExtractor,
			ServerTransportSecurityValidator securityValidator, Cancellations cancellations, Duration heartbeat,
			Duration sessionIdle) {
		this.json = json;
		this.endpoint = endpoint;
		this.disallowDelete = disallowDelete;
		this.contextExtractor = contextExtractor;
		this.securityValidator = securityValidator;
		this.cancellations = cancellations;
		this.heartbeats.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(),
				TimeUnit.MILLISECONDS);
		this.sessionIdleNanos = sessionIdle.toNanos();
		long sweep = Math.max(100, Math.min(sessionIdle.toMillis() / 2, Duration.ofMinutes(1).toMillis()));
		this.heartbeats.scheduleWithFixedDelay(this::forgetIdleSessions, sweep, sweep, TimeUnit.MILLISECONDS);
	}

	/** Sessions held now, ended ones not yet forgotten among them. */
	int sessionCount() {
		return this.sessions.size();
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET(this.endpoint, this::listen)
			.POST(this.endpoint, this::receive)
			.DELETE(this.endpoint, this::delete)
			.build();
	}

	@Override
	public List<String> protocolVersions() {
		return List.of(ProtocolVersions.MCP_2024_11_05, ProtocolVersions.MCP_2025_03_26,
				ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);
	}

	@Override
	public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
		this.sessionFactory = sessionFactory;
	}

	@Override
	public Mono<Void> notifyClients(String method, Object params) {
		return Mono.fromRunnable(() -> this.sessions.values().forEach((live) -> {
			try {
				live.session().sendNotification(method, params).block();
			}
			catch (RuntimeException ex) {
				logger.warn("Notification " + method + " did not reach session " + live.session().getId() + ": "
						+ ex.getMessage());
			}
		}));
	}

	@Override
	public Mono<Void> notifyClient(String sessionId, String method, Object params) {
		return Mono.defer(() -> {
			Session live = this.sessions.get(sessionId);
			return (live != null) ? live.session().sendNotification(method, params) : Mono.empty();
		});
	}

	@Override
	public Mono<Void> closeGracefully() {
		return Mono.fromRunnable(() -> {
			this.closing = true;
			this.sessions.values().forEach((live) -> close(live.session()));
			this.sessions.clear();
			this.heartbeats.shutdownNow();
			this.toolThreads.dispose();
		});
	}

	private ServerResponse listen(ServerRequest request) {
		ServerResponse refused = refusal(request);
		if (refused != null) {
			return refused;
		}
		if (!request.headers().asHttpHeaders().getAccept().contains(MediaType.TEXT_EVENT_STREAM)) {
			return ServerResponse.badRequest().body("Invalid Accept header. Expected TEXT_EVENT_STREAM");
		}
		String sessionId = sessionId(request);
		if (sessionId == null) {
			return ServerResponse.badRequest().body("Session ID required in mcp-session-id header");
		}
		McpStreamableServerSession session = seen(sessionId);
		if (session == null) {
			return ServerResponse.notFound().build();
		}
		McpTransportContext context = this.contextExtractor.extract(request);
		String lastEventId = request.headers().firstHeader(HttpHeaders.LAST_EVENT_ID);
		return ServerResponse.sse((sse) -> {
			SseStream stream = opened(new SseStream(sessionId, sse, this.json, () -> {
			}));
			if (lastEventId != null) {
				session.replay(lastEventId)
					.concatMap(stream::sendMessage)
					.contextWrite(withContext(context))
					.subscribe(null, stream::fail, stream::close);
			}
			else {
				McpStreamableServerSession.McpStreamableServerSessionStream listening = session.listeningStream(stream);
				sse.onComplete(listening::close);
			}
		}, Duration.ZERO);
	}

	private ServerResponse receive(ServerRequest request) {
		ServerResponse refused = refusal(request);
		if (refused != null) {
			return refused;
		}
		List<MediaType> accept = request.headers().asHttpHeaders().getAccept();
		if (!accept.contains(MediaType.TEXT_EVENT_STREAM) || !accept.contains(MediaType.APPLICATION_JSON)) {
			return ServerResponse.badRequest()
				.body(error(McpSchema.ErrorCodes.METHOD_NOT_FOUND,
						"Invalid Accept headers. Expected TEXT_EVENT_STREAM and APPLICATION_JSON"));
		}
		McpSchema.JSONRPCMessage message;
		try {
			message = McpSchema.deserializeJsonRpcMessage(this.json, request.body(String.class));
		}
		catch (IOException | RuntimeException | jakarta.servlet.ServletException ex) {
			return ServerResponse.badRequest()
				.body(error(McpSchema.ErrorCodes.INVALID_REQUEST, "Invalid message format"));
		}
		if (message instanceof McpSchema.JSONRPCRequest initialize
				&& McpSchema.METHOD_INITIALIZE.equals(initialize.method())) {
			return initialize(initialize, sessionId(request) != null);
		}
		String sessionId = sessionId(request);
		if (sessionId == null) {
			return ServerResponse.badRequest().body(error(McpSchema.ErrorCodes.METHOD_NOT_FOUND, "Session ID missing"));
		}
		McpStreamableServerSession session = seen(sessionId);
		if (session == null) {
			return ServerResponse.status(HttpStatus.NOT_FOUND)
				.body(error(McpSchema.ErrorCodes.INTERNAL_ERROR, "Session not found: " + sessionId));
		}
		McpTransportContext context = this.contextExtractor.extract(request);
		if (message instanceof McpSchema.JSONRPCResponse response) {
			session.accept(response).contextWrite(withContext(context)).block();
			return ServerResponse.accepted().build();
		}
		if (message instanceof McpSchema.JSONRPCNotification notification) {
			session.accept(notification).contextWrite(withContext(context)).block();
			return ServerResponse.accepted().build();
		}
		McpSchema.JSONRPCRequest call = (McpSchema.JSONRPCRequest) message;
		return ServerResponse.sse((sse) -> {
			// A client that went away ends the tool's wait, not by interrupting the
			// tool's thread: that would break the Kafka writes it may be making.
			SseStream stream = opened(new SseStream(sessionId, sse, this.json,
					() -> this.cancellations.cancel(sessionId, String.valueOf(call.id()))));
			session.responseStream(call, stream)
				.contextWrite(withContext(context))
				.subscribeOn(this.toolThreads)
				.subscribe(null, stream::fail);
		}, Duration.ZERO);
	}

	private ServerResponse delete(ServerRequest request) {
		ServerResponse refused = refusal(request);
		if (refused != null) {
			return refused;
		}
		if (this.disallowDelete) {
			return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).build();
		}
		String sessionId = sessionId(request);
		if (sessionId == null) {
			return ServerResponse.badRequest().body("Session ID required in mcp-session-id header");
		}
		McpStreamableServerSession session = seen(sessionId);
		if (session == null) {
			return ServerResponse.notFound().build();
		}
		session.delete().contextWrite(withContext(this.contextExtractor.extract(request))).block();
		this.sessions.remove(sessionId);
		return ServerResponse.ok().build();
	}

	private ServerResponse initialize(McpSchema.JSONRPCRequest request, boolean sessionGiven) {
		McpStreamableServerSession.Factory factory = this.sessionFactory;
		if (factory == null) {
			return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
				.body(error(McpSchema.ErrorCodes.INTERNAL_ERROR, "The MCP server is still starting"));
		}
		if (sessionGiven) {
			return ServerResponse.badRequest()
				.body(error(McpSchema.ErrorCodes.INTERNAL_ERROR, "Session already initialized"));
		}
		McpSchema.InitializeRequest params = this.json.convertValue(request.params(), new TypeRef<>() {
		});
		McpStreamableServerSession.McpStreamableServerSessionInit init = factory.startSession(params);
		this.sessions.put(init.session().getId(), new Session(init.session()));
		McpSchema.InitializeResult result = init.initResult().block();
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.MCP_SESSION_ID, init.session().getId())
			.body(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, request.id(), result, null));
	}

	/** The session, noted as in use now; null if there is none by that id. */
	private McpStreamableServerSession seen(String sessionId) {
		Session live = this.sessions.get(sessionId);
		if (live == null) {
			return null;
		}
		live.lastSeenNanos = System.nanoTime();
		return live.session();
	}

	/**
	 * Forgets the sessions that had no request and no open stream for the idle time.
	 * Streams count until the heartbeat finds them closed. Clients seldom end their
	 * sessions (a closed laptop, a killed host), and each one kept would be kept for the
	 * life of the process; a client that comes back after this gets 404, upon which MCP
	 * clients start a new session.
	 */
	private void forgetIdleSessions() {
		Set<String> streaming = new HashSet<>();
		this.open.forEach((stream) -> streaming.add(stream.sessionId()));
		long now = System.nanoTime();
		int forgotten = 0;
		for (Map.Entry<String, Session> entry : this.sessions.entrySet()) {
			Session live = entry.getValue();
			if (streaming.contains(entry.getKey())) {
				// In use until its last stream ends, and idle only from then on.
				live.lastSeenNanos = now;
			}
			else if (now - live.lastSeenNanos > this.sessionIdleNanos && this.sessions.remove(entry.getKey(), live)) {
				close(live.session());
				forgotten++;
			}
		}
		if (forgotten > 0) {
			logger.info("Forgot " + forgotten + " MCP session(s) idle for more than "
					+ Duration.ofNanos(this.sessionIdleNanos) + "; " + this.sessions.size() + " remain");
		}
	}

	private static void close(McpStreamableServerSession session) {
		try {
			session.closeGracefully().block();
		}
		catch (RuntimeException ex) {
			logger.warn("Session " + session.getId() + " did not close cleanly: " + ex.getMessage());
		}
	}

	private SseStream opened(SseStream stream) {
		this.open.add(stream);
		return stream;
	}

	/**
	 * Each open stream gets its comment on a virtual thread of its own: a client that
	 * stopped reading blocks its own write, not everyone's.
	 */
	private void beat() {
		for (SseStream stream : this.open) {
			if (!stream.heartbeatDue()) {
				continue;
			}
			Thread.ofVirtual().name("mcp-heartbeat-write").start(() -> {
				if (!stream.heartbeat()) {
					this.open.remove(stream);
				}
			});
		}
	}

	/** The answer to a request this transport must not serve, or null. */
	private ServerResponse refusal(ServerRequest request) {
		if (this.closing) {
			return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body("Server is shutting down");
		}
		try {
			Map<String, List<String>> headers = new HashMap<>();
			request.headers().asHttpHeaders().forEach(headers::put);
			this.securityValidator.validateHeaders(headers);
			return null;
		}
		catch (ServerTransportSecurityException ex) {
			return ServerResponse.status(ex.getStatusCode()).body((ex.getMessage() != null) ? ex.getMessage() : "");
		}
	}

	private static String sessionId(ServerRequest request) {
		return request.headers().firstHeader(HttpHeaders.MCP_SESSION_ID);
	}

	private static Function<Context, Context> withContext(McpTransportContext context) {
		return (reactorContext) -> reactorContext.put(McpTransportContext.KEY, context);
	}

	private static McpError error(int code, String message) {
		return McpError.builder(code).message(message).build();
	}

	/** A session and when a request last named it. */
	private static final class Session {

		private final McpStreamableServerSession session;

		private volatile long lastSeenNanos = System.nanoTime();

		Session(McpStreamableServerSession session) {
			this.session = session;
		}

		McpStreamableServerSession session() {
			return this.session;
		}

	}

}
