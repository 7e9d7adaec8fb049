package dev.telephony.gateway.view;

/**
 * What one client has asked for recently, by the commands on the topic: every gateway
 * instance counts the same, so quotas hold across replicas and restarts.
 */
public record Usage(Window calls, Window messages, int liveCalls) {

	/** Commands created in the last minute, hour and day. */
	public record Window(int lastMinute, int lastHour, int lastDay) {

		public Window plus(Window other) {
			return new Window(this.lastMinute + other.lastMinute, this.lastHour + other.lastHour,
					this.lastDay + other.lastDay);
		}

	}

}
