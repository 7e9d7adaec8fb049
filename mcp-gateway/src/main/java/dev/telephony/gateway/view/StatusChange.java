package dev.telephony.gateway.view;

import java.time.Instant;

/** One status a call went through, with the provider's time for it. */
public record StatusChange(String status, Instant at, String detail) {
}
