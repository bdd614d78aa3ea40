import Foundation
import ISO18626
import Store
import Transactions

/// A directory of its own for one test's database, removed afterwards.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("illgate-store-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var database: String { path + "/illgate.sqlite" }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Whole seconds: SQLite keeps times as REAL seconds, so these come back exactly.
let storeTestEpoch = Date(timeIntervalSince1970: 1_795_000_000)

func at(_ seconds: TimeInterval) -> Date {
    storeTestEpoch.addingTimeInterval(seconds)
}

/// A supplier-side transaction as the gateway would first write it.
func supplierTransaction(_ requestID: String, state: SupplierState = .requestReceived, at time: Date = storeTestEpoch) -> TransactionRecord {
    TransactionRecord(
        role: .supplier,
        state: state.rawValue,
        serviceType: .loan,
        requestingAgencyID: "ISIL:US-BORR",
        requestingAgencyRequestID: requestID,
        supplyingAgencyID: "ISIL:DK-LEND",
        peerName: "borrower",
        edition: .v1_2,
        title: "Item \(requestID)",
        createdAt: time,
        updatedAt: time
    )
}
