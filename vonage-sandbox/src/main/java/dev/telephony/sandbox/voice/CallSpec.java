package dev.telephony.sandbox.voice;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

/**
 * A valid {@code POST /v1/calls} request.
 *
 * @param to the called number
 * @param from the calling number
 * @param ncco the actions to run once answered, unless {@code answerUrl} is given
 * @param answerUrl where to fetch the NCCO once answered
 * @param answerMethod {@code GET} or {@code POST}
 * @param eventUrl where status events go, if anywhere
 * @param eventMethod {@code GET} or {@code POST}
 * @param ringingTimer seconds it may ring before {@code timeout}
 * @param lengthTimer seconds the answered call may last
 * @param machineDetection {@code continue}, {@code hangup} or none
 * @param advancedMachineDetection advanced machine detection, which wins over
 * {@code machineDetection} when both are set (as with Vonage)
 */
record CallSpec(String to, String from, @Nullable ArrayNode ncco, @Nullable URI answerUrl, String answerMethod,
		@Nullable URI eventUrl, String eventMethod, int ringingTimer, int lengthTimer,
		@Nullable String machineDetection, @Nullable MachineDetection advancedMachineDetection) {

	/**
	 * The detection the call asked for: the advanced one, else the standard one as
	 * advanced {@code detect} (they behave alike), else none.
	 * @return the detection, or {@code null}
	 */
	@Nullable MachineDetection detection() {
		if (this.advancedMachineDetection != null) {
			return this.advancedMachineDetection;
		}
		return (this.machineDetection != null)
				? new MachineDetection(this.machineDetection, "detect", MachineDetection.DEFAULT_BEEP_TIMEOUT) : null;
	}

	/**
	 * Answering machine detection as requested.
	 *
	 * @param behavior {@code continue} or {@code hangup} (when a machine answers)
	 * @param mode {@code detect}, {@code detect_beep} or {@code default} (asynchronous)
	 * @param beepTimeout seconds {@code detect_beep} waits for the beep
	 */
	record MachineDetection(String behavior, String mode, int beepTimeout) {

		static final int DEFAULT_BEEP_TIMEOUT = 45;

		boolean hangsUp() {
			return "hangup".equals(this.behavior);
		}

	}

}
