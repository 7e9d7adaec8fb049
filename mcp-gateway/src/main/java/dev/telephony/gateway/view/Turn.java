package dev.telephony.gateway.view;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One turn of a call: the line the callee heard and what came back.
 * <p>
 * The turn's answer is everything heard up to and including the first thing the callee
 * said or pressed; whatever followed was said while the model was thinking, and is
 * reported at the start of the next turn. The rule needs nothing but the events, so every
 * gateway instance splits a transcript alike.
 *
 * @param commandId the command that set the turn's script: the place-call, then each
 * continue-call
 * @param spoken the line, or null while only the turn's input is known
 * @param listens whether the model waits for an answer to this turn
 */
public record Turn(UUID commandId, String spoken, Instant at, boolean listens, List<Heard> heard) {

	/**
	 * What the turn's tool waits for and returns; empty until the callee has answered.
	 */
	public List<Heard> answer() {
		if (!this.listens) {
			return List.of();
		}
		for (int i = 0; i < this.heard.size(); i++) {
			if (this.heard.get(i).something()) {
				return this.heard.subList(0, i + 1);
			}
		}
		return List.of();
	}

	public boolean answered() {
		return !answer().isEmpty();
	}

	/** What the callee said or pressed after the answer, while the model was thinking. */
	public List<Heard> afterAnswer() {
		List<Heard> answer = answer();
		return this.heard.subList(answer.size(), this.heard.size()).stream().filter(Heard::something).toList();
	}

}
