import Foundation

extension Calendar {
    /// A date as the day it falls on here, `YYYY-MM-DD`, as every document prints dates.
    func printedDay(_ date: Date) -> String {
        let parts = dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
