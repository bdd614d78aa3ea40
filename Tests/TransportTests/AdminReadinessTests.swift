import Gateway
import Store
import Testing
@testable import Transport

/// `/readyz` says why the gateway is degraded, from the corrupt rows it met, without reading the database.
@Suite struct AdminReadinessTests {
    @Test func readyWithoutCorruptRows() {
        #expect(AdminAPI.readiness(CorruptRows()) == "ready\n")
    }

    @Test func degradedNamesEachCorruptRow() {
        let rows = CorruptRows()
        let error = StoreError.corruptValue(table: "ill_transaction", rowID: 42, column: "state", value: "Bogus", expected: "a lending state")
        #expect(rows.record(error))
        #expect(rows.record(error))  // met again: listed once
        #expect(!rows.record(StoreError.noResult("a write")))
        #expect(
            AdminAPI.readiness(rows) == """
                degraded: 1 stored row(s) cannot be read; their transactions are refused until repaired
                corrupt row: ill_transaction 42 has state = 'Bogus', which is not a lending state; the row is left untouched

                """
        )
    }

    @Test func theListIsBounded() {
        let rows = CorruptRows()
        for id in 1...Int64(CorruptRows.capacity + 5) {
            rows.record(StoreError.corruptValue(table: "outbox", rowID: id, column: "status", value: "?", expected: "an outbox status"))
        }
        #expect(rows.count == CorruptRows.capacity + 5)
        #expect(rows.rows.count == CorruptRows.capacity)
        #expect(AdminAPI.readiness(rows).hasSuffix("(5 more)\n"))
    }
}
