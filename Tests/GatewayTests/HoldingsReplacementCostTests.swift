import Foundation
import Gateway
import ISO18626
import Store
import Testing

/// The holdings file's `replacement_cost` column: an amount with its currency, or empty for the default.
@Suite struct HoldingsReplacementCostTests {
    let reader = HoldingsCSVReader(timeZone: TimeZone(identifier: "UTC") ?? .current)

    @Test func replacementCostsAreRead() throws {
        let result = try reader.read(
            """
            title,isbn,format,replacement_cost
            Moby-Dick,9780142437247,Book,45.00 USD
            Typee,9780140434880,Book,
            Omoo,9780140436280,Book,4500 JPY
            """
        )
        #expect(result.rejections.isEmpty)
        #expect(result.records.map { $0.replacementCost?.description } == ["45.00 USD", nil, "4500 JPY"])
    }

    @Test func badReplacementCostsAreRejectedWithTheirLines() throws {
        let result = try reader.read(
            """
            title,replacement_cost
            Moby-Dick,45.00
            Typee,-3.00 USD
            Omoo,3.00 XYZ
            """
        )
        #expect(result.records.isEmpty)
        #expect(result.rejections.map(\.line) == [2, 3, 4])
        #expect(result.rejections.allSatisfy { $0.reason.hasPrefix("replacement_cost: ") })
    }
}
