import Foundation
import ISO18626
import Testing

/// The header peek reads what the full decoder reads from a header, or nothing; never something else.
@Suite struct HeaderPeekTests {
    @Test("On every reference sample the peek agrees with the full decode, or declines",
          .enabled(if: ReferenceMaterial.testsRun, Comment(rawValue: ReferenceMaterial.unavailableReason)))
    func agreesWithTheDecoderOnSamples() throws {
        var peeked = 0
        for name in try ReferenceMaterial.sampleNames() {
            let bytes = Array(try ReferenceMaterial.sample(name).utf8)
            guard let header = ISO18626HeaderPeek.header(of: bytes) else { continue }
            peeked += 1
            guard let decoded = try? ISO18626Decoder().decode(bytes) else { continue }
            #expect(header.kind == decoded.message.kind, "\(name)")
            #expect(header.edition == decoded.edition, "\(name)")
            let ids = decoded.message.ids
            #expect(header.ids.requestingAgencyID?.description == ids.requestingAgencyID?.description, "\(name)")
            #expect(header.ids.supplyingAgencyID?.description == ids.supplyingAgencyID?.description, "\(name)")
            #expect(header.ids.requestingAgencyRequestID == ids.requestingAgencyRequestID, "\(name)")
            #expect(header.ids.timestamp == ids.timestamp, "\(name)")
        }
        #expect(peeked >= 30, "the peek read \(peeked) sample headers")
    }

    @Test("Prefixed, bare and envelope forms; a DOCTYPE or a broken header gives nothing")
    func formsAndRefusals() {
        let prefixed = """
            <ill:ISO18626Message xmlns:ill="http://illtransactions.org/2013/iso18626" ill:version="2021-2"><ill:requestingAgencyMessage>\
            <ill:header><ill:supplyingAgencyId><ill:agencyIdType>ISIL</ill:agencyIdType><ill:agencyIdValue> DK-1 </ill:agencyIdValue>\
            </ill:supplyingAgencyId><ill:requestingAgencyId><ill:agencyIdType>ISIL</ill:agencyIdType><ill:agencyIdValue>US-2</ill:agencyIdValue>\
            </ill:requestingAgencyId><ill:timestamp>2026-01-02T03:04:05Z</ill:timestamp><ill:requestingAgencyRequestId>R-9</ill:requestingAgencyRequestId>\
            </ill:header><ill:action>Received</ill:action></ill:requestingAgencyMessage></ill:ISO18626Message>
            """
        let header = ISO18626HeaderPeek.header(of: Array(prefixed.utf8))
        #expect(header?.kind == .requestingAgencyMessage)
        #expect(header?.edition == .v2021)
        #expect(header?.ids.supplyingAgencyID?.description == "ISIL:DK-1")
        #expect(header?.ids.requestingAgencyID?.description == "ISIL:US-2")
        #expect(header?.ids.requestingAgencyRequestID == "R-9")

        let bare = "<request><header><requestingAgencyId><agencyIdValue>US-2</agencyIdValue></requestingAgencyId></header></request>"
        #expect(ISO18626HeaderPeek.header(of: Array(bare.utf8))?.ids.requestingAgencyID?.value == "US-2")
        #expect(ISO18626HeaderPeek.header(of: Array(bare.utf8))?.edition == .v1_2)

        let doctype = "<!DOCTYPE request [<!ENTITY x \"y\">]><request><header><requestingAgencyId><agencyIdValue>&x;</agencyIdValue></requestingAgencyId></header></request>"
        #expect(ISO18626HeaderPeek.header(of: Array(doctype.utf8)) == nil)
        #expect(ISO18626HeaderPeek.header(of: Array("<request><header><requestingAgencyId>".utf8)) == nil)
        #expect(ISO18626HeaderPeek.header(of: Array("<other><header/></other>".utf8)) == nil)
        #expect(ISO18626HeaderPeek.header(of: []) == nil)
    }
}
