public import Gateway
public import Logging
import Transactions

/// The one log line every overdue reminder gets, from the schedule or from staff:
/// `event=reminder tx=12 request_id=... role=supplier number=2 final=false by=system`. Ids, the role and the
/// reminder only; never patron data (a patron reminder's address went into the notice itself).
public enum ReminderLog {
    /// Logs one reminder sent by `by` (`system` for the schedule, `staff`).
    public static func record(_ reminder: SentReminder, by: String, logger: Logger) {
        logger.notice(
            "overdue reminder sent",
            metadata: [
                "event": "reminder", "tx": .string(String(reminder.transactionID)), "request_id": .string(reminder.requestID),
                "role": .string(reminder.role.rawValue), "number": .string(String(reminder.number)),
                "final": .string(String(reminder.isFinal)), "by": .string(by),
            ]
        )
    }
}
