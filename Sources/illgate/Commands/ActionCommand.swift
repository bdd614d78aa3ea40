import ArgumentParser
import Foundation
import Transport

/// `illgate tx action ID ACTION`: a staff action on a transaction, carried out by the running daemon.
struct ActionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Act on a transaction through the running daemon (see 'illgate states' for the actions).",
        discussion: """
            Lending: expectToSupply, willSupply, unfilled --reason-unfilled R, retryPossible --reason-retry R [--offer '25 USD'], \
            ship --due DATE [--item BARCODE], sendCopy [--url U], checkIn, markOverdue, recall, completeWithoutReturn, markLost, markDamaged, \
            acceptCancel, refuseCancel, grantRenewal --due DATE, refuseRenewal, holdReturns, releaseHeldReturns, notify. \
            Borrowing: markReceived, checkOutToPatron, checkInFromPatron, shipReturn, requestRenewal, cancel, statusRequest, \
            notify, reportLost, reportDamaged, retry. Names may also be written will-supply, mark-received, ...
            """
    )

    @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
    var config: String?

    @Argument(help: "The transaction id.")
    var id: Int64

    @Argument(help: "The action.")
    var action: String

    @Option(help: "A note for the other library's staff.")
    var note: String?

    @Option(help: "Due date for ship or grantRenewal (2026-12-20 or a full timestamp).")
    var due: String?

    @Option(help: "ReasonUnfilled for unfilled (NotHeld, NotOnShelf, NonCirculating, NotAvailableForILL, PolicyProblem, PoorCondition).")
    var reasonUnfilled: String?

    @Option(help: "ReasonRetry for retryPossible (CostExceedsMaxCost, OnLoan, AtBindery, ...).")
    var reasonRetry: String?

    @Option(help: "What we would charge, with retryPossible: '25.00 USD'.")
    var offer: String?

    @Option(help: "Expected delivery date, with expectToSupply or willSupply.")
    var expected: String?

    @Option(name: .customLong("item"), help: "Barcode of an item shipped (repeatable).")
    var items: [String] = []

    @Option(help: "Delivery method (Mail, Courier, URL, Email, ...).")
    var method: String?

    @Option(help: "Where the copy can be fetched, with sendCopy.")
    var url: String?

    @Option(help: "Format sent (PDF, PaperCopy, Printed, ...).")
    var format: String?

    func run() async throws {
        let client = try AdminClient(configurationPath: config)
        let request = AdminActionRequest(
            action: action,
            note: note,
            dueDate: due,
            reasonUnfilled: reasonUnfilled,
            reasonRetry: reasonRetry,
            offeredCost: offer,
            expectedDeliveryDate: expected,
            itemIDs: items.isEmpty ? nil : items,
            deliveryMethod: method,
            url: url,
            itemFormat: format
        )
        let transaction = try await client.post("/v1/transactions/\(id)/actions", request, as: AdminTransaction.self)
        print("transaction \(transaction.id): \(transaction.state)" + (transaction.id != id ? " (new transaction for the retry)" : ""))
    }
}
