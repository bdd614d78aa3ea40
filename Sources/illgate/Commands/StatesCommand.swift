import ArgumentParser
import Transactions

/// `illgate states`: prints a role's transition table, as text or Graphviz.
struct StatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "states",
        abstract: "Print a role's transaction state machine.",
        discussion: "Render the Graphviz form with: illgate states --role supplier --dot | dot -Tsvg > supplier.svg"
    )

    @Option(help: "Which side's machine: supplier (we lend) or requester (we borrow).")
    var role: RoleArgument

    @Flag(help: "Print a Graphviz digraph instead of the table.")
    var dot = false

    func run() {
        switch (role.role, dot) {
        case (.supplier, false):
            print(SupplierTransitionTable.table.textDescription(title: "supplier (we lend)"))
        case (.supplier, true):
            print(SupplierTransitionTable.table.graphviz(title: "supplier", isTerminal: \.isTerminal))
        case (.requester, false):
            print(RequesterTransitionTable.table.textDescription(title: "requester (we borrow)"))
        case (.requester, true):
            print(RequesterTransitionTable.table.graphviz(title: "requester", isTerminal: \.isTerminal))
        }
    }
}
