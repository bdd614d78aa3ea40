import ArgumentParser
import Transactions

/// A transaction role as written on the command line.
enum RoleArgument: String, ExpressibleByArgument, CaseIterable {
    /// We lend.
    case supplier
    /// We borrow.
    case requester

    var role: TransactionRole {
        switch self {
        case .supplier: .supplier
        case .requester: .requester
        }
    }
}
