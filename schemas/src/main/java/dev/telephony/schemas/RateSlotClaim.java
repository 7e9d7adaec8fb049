package dev.telephony.schemas;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A dispatcher's claim on rate-limit slots, on {@link Topics#RATE_SLOTS}. Slots are
 * numbered from the epoch, {@code slotNanos} long; the order of the claims on the topic
 * decides who owns a slot: the first claim on a free slot wins it, for good.
 *
 * @param member the claiming dispatcher process, or {@code (provider)} for slots closed
 * after the provider answered 429
 * @param operation the limited provider operation, e.g. {@code create_call}
 * @param slots the slots claimed
 * @param slotNanos the slot length the claimant computed its numbers with; a claim made
 * with another length is void
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RateSlotClaim(@JsonProperty("member") String member, @JsonProperty("operation") String operation,
		@JsonProperty("slots") List<Long> slots, @JsonProperty("slotNanos") long slotNanos) {

	public RateSlotClaim {
		Objects.requireNonNull(member, "member is required");
		Objects.requireNonNull(operation, "operation is required");
		slots = List.copyOf(Objects.requireNonNull(slots, "slots are required"));
		if (slots.isEmpty() || slotNanos < 1) {
			throw new IllegalArgumentException("a claim needs at least one slot of positive length");
		}
	}

}
