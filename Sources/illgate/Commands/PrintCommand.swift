import ArgumentParser
import Foundation

/// `illgate print`: the desk's printed documents, rendered by the running daemon.
struct PrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Write a printable PDF: a borrowed item's book band, a lending label, a day's packing lists, a branch's pull slips.",
        subcommands: [Band.self, Label.self, Packing.self, Pull.self]
    )

    /// Fetches a PDF from the daemon and writes it.
    static func write(_ path: String, config: String?, to output: String) async throws {
        let bytes = try await AdminClient(configurationPath: config).download(path)
        guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else {
            throw CommandFailure("cannot write \(output)")
        }
        print("wrote \(output) (\(bytes.count) bytes)")
    }

    /// The options of a document about one transaction.
    struct TransactionDocument: ParsableArguments {
        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Argument(help: "The transaction id.")
        var id: Int64

        @Option(name: .shortAndLong, help: "The file to write (default: DOCUMENT-ID.pdf).")
        var output: String?

        /// Writes the transaction's `document` (`band`, `label`).
        func write(_ document: String) async throws {
            try await PrintCommand.write("/v1/transactions/\(id)/\(document)", config: config, to: output ?? "\(document)-\(id).pdf")
        }
    }

    struct Band: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The book band of a loan we borrowed (3.5 x 11 in).",
            discussion: """
                Prints the pickup branch, the patron reference we sent the lender (never the name), the due date, \
                the title, the lender and where the item goes back (the lender's return address when it sent one), \
                and our request id as a Code 128 barcode. The same PDF is at GET /v1/transactions/ID/band.
                """
        )

        @OptionGroup var options: TransactionDocument

        func run() async throws {
            try await options.write("band")
        }
    }

    struct Label: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The lending label of a loan we ship (4 x 6 in).",
            discussion: """
                Addressed to the borrowing library (the delivery address its request asked for, else its agency \
                details), with our return address ([library] name and address) and the borrower's request id as a \
                Code 128 barcode. The same PDF is at GET /v1/transactions/ID/label.
                """
        )

        @OptionGroup var options: TransactionDocument

        func run() async throws {
            try await options.write("label")
        }
    }

    struct Packing: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The packing lists of a day's shipments, one per borrowing library.",
            discussion: "The same PDF is at GET /v1/packing?date=YYYY-MM-DD&peer=NAME&paper=a4."
        )

        enum Paper: String, ExpressibleByArgument, CaseIterable { case a4, letter }

        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Option(help: "The day shipped, YYYY-MM-DD in the library's time zone (default: today).")
        var date: String?

        @Option(help: "Only the list of this peer.")
        var peer: String?

        @Option(help: "a4 or letter.")
        var paper: Paper = .a4

        @Option(name: .shortAndLong, help: "The file to write (default: packing-DATE.pdf).")
        var output: String?

        func run() async throws {
            var parameters = ["paper=\(paper.rawValue)"]
            if let date { parameters.append("date=\(date.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? date)") }
            if let peer { parameters.append("peer=\(peer.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? peer)") }
            try await PrintCommand.write("/v1/packing?" + parameters.joined(separator: "&"), config: config, to: output ?? "packing-\(date ?? "today").pdf")
        }
    }

    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The pull slips of a branch's open pulls, one page each.",
            discussion: """
                Each slip prints the call number, the shelf location, the title, the branch, the borrowing \
                library, the deadline at the ILL desk and the borrower's request id as a Code 128 barcode. The \
                same PDF is at GET /v1/pulls/slips?branch=CODE&paper=a4.
                """
        )

        enum Paper: String, ExpressibleByArgument, CaseIterable { case a4, letter }

        @Option(help: "The configuration file of the running daemon (default: $ILLGATE_CONFIG, else config/illgate.toml).")
        var config: String?

        @Option(help: "The branch (a code of [[library.branches]]).")
        var branch: String

        @Option(help: "a4 or letter.")
        var paper: Paper = .a4

        @Option(name: .shortAndLong, help: "The file to write (default: pull-BRANCH.pdf).")
        var output: String?

        func run() async throws {
            let code = branch.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? branch
            try await PrintCommand.write("/v1/pulls/slips?branch=\(code)&paper=\(paper.rawValue)", config: config, to: output ?? "pull-\(branch).pdf")
        }
    }
}
