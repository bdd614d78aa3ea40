import ArgumentParser
import Foundation
import Transport

/// `illgate review`: requests the policy held for staff.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List, approve or refuse requests held for review.",
        discussion: """
            A lending review is a peer's request the policy would not decide alone: approve sends WillSupply, \
            refuse sends Unfilled (with --reason, PolicyProblem by default). Unanswered lending reviews are \
            answered Unfilled when policy.review_timeout runs out. A borrowing review is our patron's request, \
            held before anything was sent: approve sends it (the rule that held it waived), refuse drops it.
            """,
        subcommands: [List.self, Approve.self, Refuse.self]
    )

    struct Options: ParsableArguments {
        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List held requests (default: open ones).")

        @OptionGroup var options: Options

        @Option(help: "States to list, comma-separated: open, approved, refused, timed_out.")
        var state: String?

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let client = try AdminClient(configurationPath: options.config)
            let reviews = try await client.get("/v1/reviews" + (state.map { "?state=\($0)" } ?? ""), as: [AdminReview].self)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(reviews), as: UTF8.self))
                return
            }
            print(
                TextTable.render(
                    header: ["ID", "SIDE", "TX", "PEER", "RULE", "DEADLINE", "STATE", "TITLE", "WHY"],
                    rows: reviews.map {
                        [
                            String($0.id), $0.side, $0.transactionID.map(String.init) ?? "-", $0.peer ?? "", $0.rule, $0.deadline ?? "-",
                            $0.state, String(($0.title ?? "").prefix(40)), $0.why,
                        ]
                    }
                )
            )
            if reviews.isEmpty { print("(nothing held)") }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a held request.")

        @OptionGroup var options: Options

        @Argument(help: "The review id.")
        var id: Int64

        @Option(help: "A note for the peer's staff (lending) or the record (borrowing).")
        var note: String?

        func run() async throws {
            let review = try await AdminClient(configurationPath: options.config)
                .post("/v1/reviews/\(id)/approve", AdminReviewDecision(note: note), as: AdminReview.self)
            print("review \(review.id): \(review.state)" + (review.resolution.map { " (\($0))" } ?? ""))
        }
    }

    struct Refuse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse a held request.")

        @OptionGroup var options: Options

        @Argument(help: "The review id.")
        var id: Int64

        @Option(help: "The reasonUnfilled sent to a lending peer: NotHeld, NotOnShelf, NonCirculating, NotAvailableForILL, PoorCondition, PolicyProblem.")
        var reason: String?

        @Option(help: "A note for the peer's staff (lending) or the record (borrowing).")
        var note: String?

        func run() async throws {
            let review = try await AdminClient(configurationPath: options.config)
                .post("/v1/reviews/\(id)/refuse", AdminReviewDecision(reason: reason, note: note), as: AdminReview.self)
            print("review \(review.id): \(review.state)" + (review.resolution.map { " (\($0))" } ?? ""))
        }
    }
}
