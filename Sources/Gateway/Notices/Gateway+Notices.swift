import Foundation
import Policy
import ISO18626
import Store
import Transactions

/// Patron notices on the borrowing side: ready for pickup (sent when staff mark a loan received), overdue and
/// recalled (found by ``Gateway/sendDuePatronNotices()``). Each kind goes out once per transaction; the history
/// records it as a `notice:<kind>` event (or `notice-failed:<kind>`), never with the patron's address.
/// The address is read from the request we sent (its `patronInfo`), so the retention purge takes it with the rest.
extension Gateway {
    /// The history event that records a notice of `kind` as sent.
    static func noticeEvent(_ kind: PatronNoticeKind) -> String { "notice:\(kind.rawValue)" }

    /// Sends the overdue, recalled and due-soon notices due on the gateway's clock: a borrowed loan on our side
    /// (received or with the patron) past its due date, recalled by its lender, or due within `due_soon_days`, whose
    /// patron has not had that notice.
    /// Does nothing without `[notices]`.
    /// - Returns: the notices sent; a notice that failed is recorded in the history and tried again next time.
    public func sendDuePatronNotices() async throws -> [SentPatronNotice] {
        guard let notices = configuration.notices else { return [] }
        let now = self.now
        var loans: [TransactionRecord] = []
        for state in [RequesterState.received, .withPatron] {
            loans += try await store.transactions(matching: TransactionFilter(role: .requester, state: state.rawValue, limit: 10_000))
        }
        var sent: [SentPatronNotice] = []
        for loan in loans.sorted(by: { $0.id < $1.id }) {
            var due: [PatronNoticeKind] = []
            if loan.lastStatus == .recalled { due.append(.recalled) }
            // With a reminder schedule, overdue notices go out on it (``sendDueReminders()``), not once here.
            if let dueDate = loan.dueDate, dueDate < now, notices.reminders.isEmpty { due.append(.overdue) }
            if let dueDate = loan.dueDate, let days = notices.dueSoonDays, dueDate >= now, dueDate.addingTimeInterval(-Double(days) * 86_400) < now {
                due.append(.dueSoon)
            }
            guard !due.isEmpty else { continue }
            let history = Set(try await store.events(transactionID: loan.id).map(\.event))
            for kind in due where !history.contains(Self.noticeEvent(kind)) {
                if let notice = try? await sendPatronNotice(kind, onTransaction: loan.id) { sent.append(notice) }
            }
        }
        return sent
    }

    /// Renders the `kind` notice for a borrowing transaction's patron and sends it, recording it in the history.
    /// - Returns: the notice, or `nil` when `[notices]` is not configured.
    /// - Throws: ``StaffActionError`` when there is no such borrowing transaction; ``NoticeDeliveryError`` when the
    ///   request names no patron e-mail address or the notice could not be handed on (recorded as `notice-failed:<kind>`).
    @discardableResult
    public func sendPatronNotice(_ kind: PatronNoticeKind, onTransaction id: Int64) async throws -> SentPatronNotice? {
        guard let notices = configuration.notices else { return nil }
        guard let transaction = try await store.transaction(id: id), transaction.role == .requester else {
            throw StaffActionError(.notFound, "no borrowing transaction \(id)")
        }
        do {
            try await deliverPatronNotice(kind, for: transaction, notices: notices)
        } catch let failure as NoticeDeliveryError {
            try await recordNotice("notice-failed:\(kind.rawValue)", on: transaction, detail: failure.description)
            throw failure
        }
        try await recordNotice(Self.noticeEvent(kind), on: transaction, detail: nil)
        return SentPatronNotice(kind: kind, transactionID: transaction.id, requestID: transaction.requestingAgencyRequestID)
    }

    /// Renders the `kind` notice of a borrowing transaction (with `extraValues` for the reminder placeholders) and
    /// hands it to the mail command or the spool directory. The caller records it.
    /// - Throws: ``NoticeDeliveryError`` when the request names no patron e-mail address or the notice could not be
    ///   handed on; the store's error when the request cannot be read.
    func deliverPatronNotice(
        _ kind: PatronNoticeKind,
        for transaction: TransactionRecord,
        notices: NoticeConfiguration,
        extraValues: [String: String] = [:]
    ) async throws {
        let request = try await sentRequest(of: transaction)
        // Kept on the transaction since v9e; a transaction created before has it in the request it sent.
        guard let address = transaction.patronEmail ?? request?.patronInfo?.emailAddress else {
            throw NoticeDeliveryError(.noAddress, "the request of transaction \(transaction.id) names no patron e-mail address")
        }
        let message = noticeMessage(kind, for: transaction, request: request, to: address, notices: notices, extraValues: extraValues)
        try await NoticeMailer(delivery: notices.delivery).deliver(message, name: "\(transaction.id)-\(kind.rawValue)-\(UUID().uuidString).eml")
    }

    private func sentRequest(of transaction: TransactionRecord) async throws -> Request? {
        let decoder = ISO18626Decoder()
        for message in try await store.messages(transactionID: transaction.id) where message.direction == .outbound {
            if case .request(let request)? = try? decoder.decode(message.body).message { return request }
        }
        return nil
    }

    private func noticeMessage(
        _ kind: PatronNoticeKind,
        for transaction: TransactionRecord,
        request: Request?,
        to address: String,
        notices: NoticeConfiguration,
        extraValues: [String: String]
    ) -> String {
        let branch = transaction.pickupLocation.flatMap(configuration.branch(code:))
        var values: [String: String] = [
            "patron_email": address,
            "title": request?.bibliographicInfo.title ?? transaction.title ?? "(no title)",
            "request_id": transaction.requestingAgencyRequestID,
            "transaction_id": String(transaction.id),
            "lender": transaction.peerName,
            "library": configuration.billing.name,
        ]
        values["author"] = request?.bibliographicInfo.author
        values["branch"] = branch?.name
        values["branch_code"] = branch?.code
        values["due_date"] = transaction.dueDate.map(Self.noticeDate)
        values.merge(extraValues) { _, extra in extra }
        let body = notices.templates.render(kind, values)
        return "From: \(notices.sender)\nTo: \(address)\n" + body
    }

    static func noticeDate(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().year().month().day())
    }

    func recordNotice(_ event: String, on transaction: TransactionRecord, detail: String?) async throws {
        let at = now
        try await store.write { writer in
            try writer.append(
                EventRecord(
                    transactionID: transaction.id,
                    at: at,
                    source: .system,
                    event: event,
                    fromState: transaction.state,
                    toState: transaction.state,
                    detail: detail
                )
            )
        }
    }
}

extension PatronInfo {
    /// Takes every e-mail address out of the patron's addresses (postal and other electronic ones stay).
    mutating func removeEmailAddresses() {
        address.removeAll { element in
            guard case .electronic(let electronic) = element else { return false }
            return electronic.type.value.caseInsensitiveCompare("email") == .orderedSame
        }
    }

    /// The patron's first e-mail address, if the request carries one.
    var emailAddress: String? {
        for case .electronic(let electronic) in address where electronic.type.value.caseInsensitiveCompare("email") == .orderedSame {
            let trimmed = electronic.data.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty, !trimmed.contains(where: \.isNewline) { return trimmed }
        }
        return nil
    }
}
