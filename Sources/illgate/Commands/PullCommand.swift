import ArgumentParser
import Foundation
import Transport

/// `illgate pull`: the lender's pulls, copies on their way from a branch's shelf to the ILL desk.
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "List pulls, and mark a pulled copy arrived at the ILL desk or cancel its pull.",
        discussion: """
            A lending request we will supply gets a pull at the branch that owns a lendable copy (holdings' \
            branch column). When the copy reaches the ILL desk, 'pull arrived' closes the pull and the request \
            joins the ship worklist. 'pull cancel' gives up on the copy: the request is answered Unfilled \
            NotOnShelf, or with --next-branch the next branch with a lendable copy gets a pull. A pull still \
            open after [policy.lending] pull_timeout is handled like 'pull cancel --next-branch'. ID is the \
            lending transaction's id.
            """,
        subcommands: [List.self, Arrived.self, Cancel.self]
    )

    struct Options: ParsableArguments {
        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List pulls (default: every branch's open ones, oldest first).")

        @OptionGroup var options: Options

        @Option(help: "Only this branch (a code of [[library.branches]]).")
        var branch: String?

        @Option(help: "States to list, comma-separated: open, arrived, cancelled, timed_out.")
        var state: String?

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            var parameters: [String] = []
            if let branch { parameters.append("branch=\(branch.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? branch)") }
            if let state { parameters.append("state=\(state.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union([","])) ?? state)") }
            let path = "/v1/pulls" + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
            let pulls = try await AdminClient(configurationPath: options.config).get(path, as: [AdminPull].self)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(pulls), as: UTF8.self))
                return
            }
            guard !pulls.isEmpty else {
                print("(no pulls)")
                return
            }
            print(
                TextTable.render(
                    header: ["TX", "BRANCH", "STATE", "CALL NUMBER", "LOCATION", "REQUEST", "DEADLINE", "TITLE"],
                    rows: pulls.map { pull in
                        [
                            String(pull.transactionID), pull.branch, pull.state, pull.callNumber ?? "-", pull.shelfLocation ?? "-", pull.requestID,
                            pull.deadline.map { String($0.prefix(16)) } ?? "-", String(pull.title.prefix(40)),
                        ]
                    }
                )
            )
        }
    }

    struct Arrived: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The pulled copy reached the ILL desk: it can be shipped.")

        @OptionGroup var options: Options

        @Argument(help: "The lending transaction's id.")
        var id: Int64

        func run() async throws {
            let outcome = try await AdminClient(configurationPath: options.config)
                .post("/v1/pulls/\(id)/arrived", nil as String?, as: AdminPullOutcome.self)
            print("transaction \(outcome.transactionID): pull \(outcome.pull) at \(outcome.branch) arrived; on the ship worklist (\(outcome.state))")
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give up on a pulled copy: answer the request Unfilled NotOnShelf, or try the next branch."
        )

        @OptionGroup var options: Options

        @Argument(help: "The lending transaction's id.")
        var id: Int64

        @Flag(help: "Pull from the next branch that holds a lendable copy; Unfilled only when none is left.")
        var nextBranch = false

        @Option(help: "Why, kept in the transaction's history.")
        var note: String?

        func run() async throws {
            var parameters = ["next_branch=\(nextBranch)"]
            if let note { parameters.append("note=\(note.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? note)") }
            let outcome = try await AdminClient(configurationPath: options.config)
                .post("/v1/pulls/\(id)/cancel?" + parameters.joined(separator: "&"), nil as String?, as: AdminPullOutcome.self)
            if let next = outcome.nextBranch {
                print("transaction \(outcome.transactionID): pull at \(outcome.branch) cancelled; pulling from \(next) now")
            } else {
                print("transaction \(outcome.transactionID): pull at \(outcome.branch) cancelled; answered Unfilled NotOnShelf (\(outcome.state))")
            }
        }
    }
}
