// BareRoute: the HTTP reference of Benchmarks/load/run.sh. A bare Hummingbird route on POST /iso18626 that
// reads the body, parses it with libxml2 (xmlReadMemory, NONET, then xmlFreeDoc) and answers a fixed OK
// requestConfirmation with 200: what the HTTP stack and one XML parse cost, with no decoding into a model,
// no decision and no storage. illgate's end-to-end rate is judged as a ratio to it, measured in the same run.
//
// Usage: BareRoute [--port 18690]

import CLibXML2Bench
import Hummingbird
import NIOCore

var port = 18690
if let index = CommandLine.arguments.firstIndex(of: "--port"), index + 1 < CommandLine.arguments.count,
    let value = Int(CommandLine.arguments[index + 1])
{
    port = value
}

let confirmation = """
    <?xml version="1.0" encoding="UTF-8"?>
    <ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" xmlns:ill="http://illtransactions.org/2013/iso18626" \
    ill:version="1.2"><requestConfirmation><confirmationHeader><supplyingAgencyId><agencyIdType>ISIL</agencyIdType>\
    <agencyIdValue>XX-ILLGATE</agencyIdValue></supplyingAgencyId><requestingAgencyId><agencyIdType>ISIL</agencyIdType>\
    <agencyIdValue>XX-PARTNER</agencyIdValue></requestingAgencyId><timestamp>2026-12-07T10:00:00.000Z</timestamp>\
    <requestingAgencyRequestId>PARTNER-2026-000123</requestingAgencyRequestId><timestampReceived>2026-12-07T10:00:00.000Z</timestampReceived>\
    <messageStatus>OK</messageStatus></confirmationHeader></requestConfirmation></ISO18626Message>
    """

xmlInitParser()
let router = Router()
router.post("iso18626") { request, _ -> Response in
    let body = try await request.body.collect(upTo: 1 << 20)
    let parsed = body.withUnsafeReadableBytes { bytes -> Bool in
        guard let base = bytes.baseAddress else { return false }
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let document = xmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil, nil, options) else {
            return false
        }
        xmlFreeDoc(document)
        return true
    }
    guard parsed else { return Response(status: .badRequest) }
    return Response(
        status: .ok,
        headers: [.contentType: "application/xml; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: confirmation))
    )
}
let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "bare-route"))
try await application.runService()
