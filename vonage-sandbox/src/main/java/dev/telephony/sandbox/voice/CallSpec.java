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
 */
record CallSpec(String to, String from, @Nullable ArrayNode ncco, @Nullable URI answerUrl, String answerMethod,
		@Nullable URI eventUrl, String eventMethod, int ringingTimer, int lengthTimer,
		@Nullable String machineDetection) {

}
