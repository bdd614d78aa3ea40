import Foundation
import ISO18626
import Testing

/// Finding and removing `patronInfo` elements in XML text (the retention purge and the log guard use it).
@Suite struct PatronInfoElementsTests {
    @Test func removesTheWholeElementWithAnyPrefixAndLeavesEverythingElseByteForByte() throws {
        let text = """
            <ill:request><ill:header>h</ill:header>
            <ill:PatronInfo a="x>y"><ill:patronId>P-1</ill:patronId><ill:surname>Doe</ill:surname></ill:PatronInfo >
            <ill:billingInfo/><patronInfo/><patronInfo><patronId>P-2</patronId></patronInfo></ill:request>
            """
        let removed = try #require(PatronInfoElements.removing(from: text))
        #expect(removed == """
            <ill:request><ill:header>h</ill:header>

            <ill:billingInfo/></ill:request>
            """)
        #expect(PatronInfoElements.find(in: Array(text.utf8)).map(\.isSelfClosing) == [false, true, false])
    }

    @Test func textWithoutPatronInfoIsLeftAlone() {
        #expect(PatronInfoElements.removing(from: "no markup, P-1") == nil)
        #expect(PatronInfoElements.removing(from: "<request><patronInformation>x</patronInformation></request>") == nil)
    }

    @Test func aCutOffElementRunsToTheEnd() throws {
        let elements = PatronInfoElements.find(in: Array("<a><patronInfo><patronId>P-1".utf8))
        #expect(elements.count == 1)
        #expect(elements.first?.endTag == nil)
        #expect(PatronInfoElements.removing(from: "<a><patronInfo><patronId>P-1") == "<a>")
    }

    @Test(.enabled(if: ReferenceMaterial.testsRun, Comment(rawValue: ReferenceMaterial.unavailableReason)))
    func realRequestsWithoutTheirPatronDecodeAsBeforeAndStayValid() throws {
        let schemas = try #require(ReferenceMaterial.publishedSchemas)
        var checked = 0
        var validChecked = 0
        for name in try ReferenceMaterial.sampleNames() {
            let sample = try ReferenceMaterial.sample(name)
            guard let decoded = try? ISO18626Decoder().decode(Array(sample.utf8)), case .request(let original) = decoded.message,
                original.patronInfo != nil
            else { continue }
            let purged = try #require(PatronInfoElements.removing(from: sample), "\(name)")
            guard case .request(let reread) = try ISO18626Decoder().decode(Array(purged.utf8)).message else {
                Issue.record("\(name): the purged message is not a request")
                continue
            }
            var expected = original
            expected.patronInfo = nil
            #expect(reread == expected, "\(name)")
            checked += 1
            // Where the peer's message was valid, taking the patron out keeps it valid.
            if (try? schemas.validate(Array(sample.utf8), edition: decoded.edition)) != nil {
                #expect(throws: Never.self, "\(name)") { try schemas.validate(Array(purged.utf8), edition: decoded.edition) }
                validChecked += 1
            }
        }
        #expect(checked >= 3, "requests with patronInfo among the samples")
        #expect(validChecked >= 1, "schema-valid requests with patronInfo among the samples")
    }
}
