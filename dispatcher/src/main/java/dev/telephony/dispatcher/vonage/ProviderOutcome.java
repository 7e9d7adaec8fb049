package dev.telephony.dispatcher.vonage;

import dev.telephony.schemas.Event;

/** An outcome event and the bounded {@code outcome} tag it is measured under. */
record ProviderOutcome(String tag, Event event) {
}
