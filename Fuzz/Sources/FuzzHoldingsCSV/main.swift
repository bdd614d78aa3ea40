import FuzzSupport
import Foundation
import Gateway
import Store

/// `illgate holdings import`: the CSV reader on any text (a catalogue export as it comes), then the store's
/// replacement of the holdings with the records it accepted. Rejected rows and unreadable files are answers;
/// a crash, a hang or a store failure is a defect.
enum HoldingsImport {
    static let reader = HoldingsCSVReader(timeZone: TimeZone(identifier: "Europe/Copenhagen") ?? .gmt)

    static let store: SQLiteTransactionStore = {
        let directory = TemporaryDirectory.make("holdings")
        do {
            return try SQLiteTransactionStore(path: directory + "/fuzz.sqlite")
        } catch {
            fatalError("cannot open the store: \(error)")
        }
    }()
}

// Set up before libFuzzer starts: opening and migrating the store is not part of any input's time.
_ = HoldingsImport.store

FuzzDriver.run { bytes in
    // The command refuses a file that is not UTF-8 before reading it; the reader sees only text.
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    guard let result = try? HoldingsImport.reader.read(text), !result.records.isEmpty else { return }
    let records = result.records
    let store = HoldingsImport.store
    let failure: String? = BlockingTask.run {
        do {
            try await store.write { writer in try writer.replaceHoldings(with: records) }
            return nil
        } catch {
            return "\(error)"
        }
    }
    if let failure { fatalError("the store refused records the reader accepted: \(failure)") }
}
