// Test helper for the crash test (GatewayTests/CrashRecoveryTests): applies requests to a lender gateway
// as fast as it can, 16 at a time, and appends "OK <request id>" to a report file after each OK
// confirmation. The test kills it with SIGKILL at a random moment and then checks the database.
//
// Usage: GatewayExerciser DATABASE REPORT FIRST-INDEX COUNT
import Foundation
import Gateway
import ISO18626
import Store

let arguments = CommandLine.arguments
guard arguments.count == 5, let first = Int(arguments[3]), let count = Int(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: GatewayExerciser DATABASE REPORT FIRST-INDEX COUNT\n".utf8))
    exit(64)
}
let lender = AgencyID(type: .isil, value: "DK-LEND")
let borrower = AgencyID(type: .isil, value: "US-BORR")
let gateway = try Gateway(
    configuration: GatewayConfiguration(
        libraryAgencyID: lender,
        peers: [Peer(name: "borrower", agencyIDs: [borrower])]
    ),
    store: try SQLiteTransactionStore(path: arguments[1])
)
_ = FileManager.default.createFile(atPath: arguments[2], contents: nil)
guard let report = FileHandle(forWritingAtPath: arguments[2]) else { exit(73) }

func requestBytes(_ index: Int) throws -> [UInt8] {
    let request = Request(
        header: Header(
            supplyingAgencyID: lender,
            requestingAgencyID: borrower,
            timestamp: Date(),
            requestingAgencyRequestID: "CRASH-\(index)"
        ),
        bibliographicInfo: BibliographicInfo(title: "Item \(index)"),
        serviceInfo: ServiceInfo(serviceType: .loan)
    )
    return try ISO18626Encoder().encode(.request(request), edition: .v1_2)
}

let context = PeerContext(authenticatedPeerName: "borrower", transport: "test")
await withTaskGroup(of: Void.self) { group in
    for worker in 0..<16 {
        group.addTask {
            var index = first + worker
            while index < first + count {
                guard let bytes = try? requestBytes(index) else { return }
                let reply = await gateway.handle(bytes, from: context)
                if reply.messageStatus == .ok {
                    report.write(Data("OK CRASH-\(index)\n".utf8))
                }
                index += 16
            }
        }
    }
}
