import ISO18626

extension PhysicalAddress {
    /// The address as it is printed on a label: street lines, postal code and town (with the region), country.
    var printedLines: [String] {
        var lines = [line1, line2].compactMap(\.self).filter { !$0.isEmpty }
        let town = [postalCode, locality, region?.value].compactMap(\.self).filter { !$0.isEmpty }.joined(separator: " ")
        if !town.isEmpty { lines.append(town) }
        if let country = country?.value, !country.isEmpty { lines.append(country) }
        return lines
    }
}
