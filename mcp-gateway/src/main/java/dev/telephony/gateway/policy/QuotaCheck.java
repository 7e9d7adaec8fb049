package dev.telephony.gateway.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.telephony.gateway.view.TelephonyView;
import dev.telephony.gateway.view.Usage;

import org.springframework.stereotype.Component;

/**
 * Counts a client's commands against its quotas. The counts come from the view, which
 * every gateway instance builds from the same topic, so the limits hold across replicas
 * and restarts; commands this instance admitted but has not read back yet are held as
 * reservations, so that concurrent tool calls on one instance cannot slip past together.
 * Two instances admitting at the same millisecond can overshoot by one each.
 * <p>
 * It runs on every tool call that places a call or sends an SMS, so a check looks only at
 * its own client, and its cost hardly grows with the calls outstanding.
 */
@Component
class QuotaCheck {

	/** The reasons a call's reservation is refused with, for the refusal counters. */
	static final List<String> CALL_REFUSALS = List.of("quota_exceeded", "live_calls_exceeded");

	/** The reasons a message's reservation is refused with. */
	static final List<String> MESSAGE_REFUSALS = List.of("quota_exceeded");

	// Far longer than a publish takes; a reservation the view never confirms (the
	// publish failed without a release) stops counting after this.
	private static final Duration RESERVATION_LIFETIME = Duration.ofMinutes(1);

	private final TelephonyView view;

	private final PolicyProperties properties;

	private final Reservations reservations = new Reservations();

	QuotaCheck(TelephonyView view, PolicyProperties properties) {
		this.view = view;
		this.properties = properties;
		view.whenCounted(this.reservations::counted);
	}

	/**
	 * Admit one more call or message for {@code client}, or refuse it.
	 * @return the reservation, to release if the command is not published after all
	 * @throws CommandRefusedException when a quota is used up
	 */
	Runnable reserve(String client, UUID commandId, boolean call, Instant now) {
		PolicyProperties.Quotas quotas = this.properties.rulesFor(client).quotas();
		if (call ? quotas.callsPerMinute() == 0 && quotas.callsPerHour() == 0 && quotas.callsPerDay() == 0
				&& quotas.liveCalls() == 0
				: quotas.messagesPerMinute() == 0 && quotas.messagesPerHour() == 0 && quotas.messagesPerDay() == 0) {
			// Nothing to count against: no lock, no scan of a day of commands.
			return () -> {
			};
		}
		return reserveCounted(client, commandId, call, now, quotas);
	}

	private Runnable reserveCounted(String client, UUID commandId, boolean call, Instant now,
			PolicyProperties.Quotas quotas) {
		Reservations.Held held = this.reservations.of(client);
		// One client's tool calls are checked one at a time, so that two cannot both
		// take the last of a quota; other clients' go on meanwhile. The view is asked
		// under this lock, and tells of counted commands only after letting go of its
		// own, so the two locks are never taken the other way round. A command counted
		// but not yet told of counts twice for that moment: that can refuse early, never
		// admit over.
		synchronized (held) {
			held.expire(now.minus(RESERVATION_LIFETIME));
			// Reservations are younger than a minute, so they count in every window.
			int count = held.pending(call);
			Usage.Window pending = new Usage.Window(count, count, count);
			Usage usage = this.view.usage(client, now);
			if (call) {
				Usage.Window calls = usage.calls().plus(pending);
				over(calls, quotas.callsPerMinute(), quotas.callsPerHour(), quotas.callsPerDay(), "calls");
				int live = usage.liveCalls() + pending.lastMinute();
				if (quotas.liveCalls() > 0 && live >= quotas.liveCalls()) {
					throw new CommandRefusedException("live_calls_exceeded",
							"Client '" + client + "' already has " + live + " calls in progress, the most it may have"
									+ " at once. Wait for one to end (check_call_status) or hang one up.");
				}
			}
			else {
				over(usage.messages().plus(pending), quotas.messagesPerMinute(), quotas.messagesPerHour(),
						quotas.messagesPerDay(), "SMS");
			}
			held.add(commandId, call, now);
		}
		return () -> {
			synchronized (held) {
				held.remove(commandId);
			}
		};
	}

	private static void over(Usage.Window used, int perMinute, int perHour, int perDay, String what) {
		check(used.lastMinute(), perMinute, what, "minute", "in a minute");
		check(used.lastHour(), perHour, what, "hour", "in an hour");
		check(used.lastDay(), perDay, what, "day", "tomorrow");
	}

	private static void check(int used, int limit, String what, String window, String retry) {
		if (limit > 0 && used >= limit) {
			throw new CommandRefusedException("quota_exceeded",
					"Quota reached: " + used + " " + what + " in the last " + window + ", and the limit is " + limit
							+ " per " + window + ". Nothing was sent; try again " + retry + ".");
		}
	}

}
