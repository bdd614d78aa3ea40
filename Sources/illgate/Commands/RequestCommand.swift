import ArgumentParser
import Foundation
import Transport

/// `illgate request`: asks a peer to lend an item (or supply a copy) for one of our patrons.
struct RequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Send a borrowing request to a peer through the running daemon."
    )

    @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
    var config: String?

    @Option(help: "The peer to ask (its name in the configuration).")
    var peer: String

    @Option(help: "Loan, Copy or CopyOrLoan.")
    var service = "Loan"

    @Option(help: "Title of the book or journal.")
    var title: String?

    @Option(help: "Author.")
    var author: String?

    @Option(help: "Title of the article or chapter (for a copy).")
    var articleTitle: String?

    @Option(help: "Author of the article or chapter.")
    var articleAuthor: String?

    @Option(help: "Volume.")
    var volume: String?

    @Option(help: "Issue.")
    var issue: String?

    @Option(help: "Pages wanted (12-19).")
    var pages: String?

    @Option(help: "Publication date or year.")
    var date: String?

    @Option(help: "ISBN.")
    var isbn: String?

    @Option(help: "ISSN.")
    var issn: String?

    @Option(help: "OCLC number.")
    var oclc: String?

    @Option(help: "Our patron's id (sent to the supplier only as an id).")
    var patronID: String?

    @Option(help: "Patron type (Faculty, Student, Staff, ...).")
    var patronType: String?

    @Option(help: "Our patron's e-mail address, for the patron notices (patron data: purged with the rest).")
    var patronEmail: String?

    @Option(help: "The date after which the item is of no use (2026-12-20).")
    var needBefore: String?

    @Option(help: "The most we pay: '25.00 USD'.")
    var maxCost: String?

    @Option(help: "Copyright declaration for a copy (US-CCG, US-CCL, UK-FairDealing, ...).")
    var copyright: String?

    @Option(help: "A note for the supplier's staff.")
    var note: String?

    @Option(help: "Our request id (generated when not given).")
    var id: String?

    @Option(name: .customLong("also"), help: "Another peer to ask if the first cannot supply (repeat for a rota; needs a [policy]).")
    var alternates: [String] = []

    @Option(help: "The branch where the patron collects the item (a code of [[library.branches]]).")
    var pickup: String?

    func run() async throws {
        let client = try AdminClient(configurationPath: config)
        var request = AdminBorrowRequest(peer: peer, serviceType: service)
        request.requestID = id
        request.title = title
        request.author = author
        request.titleOfComponent = articleTitle
        request.authorOfComponent = articleAuthor
        request.volume = volume
        request.issue = issue
        request.pages = pages
        request.publicationDate = date
        request.isbn = isbn
        request.issn = issn
        request.oclc = oclc
        request.patronID = patronID
        request.patronType = patronType
        request.patronEmail = patronEmail
        request.needBefore = needBefore
        request.maximumCost = maxCost
        request.copyrightCompliance = copyright
        request.note = note
        request.alternates = alternates.isEmpty ? nil : alternates
        request.pickup = pickup
        let result = try await client.post("/v1/borrowing", request, as: AdminBorrowResult.self)
        switch result.outcome {
        case "sent":
            if let transaction = result.transaction {
                var line = "transaction \(transaction.id): \(transaction.state), request \(transaction.requestID) to \(transaction.peer)"
                if let code = result.copyrightCompliance { line += ", copyright \(code)" }
                if let branch = transaction.pickupLocation { line += ", pickup at \(branch)" }
                if let rota = result.remainingRota, !rota.isEmpty { line += ", then \(rota.joined(separator: ", "))" }
                print(line)
            }
        case "held":
            print("held for review \(result.reviewID.map(String.init) ?? "?") (rule \(result.rule ?? "?")): \(result.reason ?? "")")
            print("see 'illgate review list'; approve or refuse it there")
        default:
            throw CommandFailure("not sent (rule \(result.rule ?? "?")): \(result.reason ?? "")")
        }
    }
}
