using System.Text;

namespace AgentWorkspace.Features;

/// <summary>The reports' CSV conventions, shared by every export.</summary>
public static class Csv
{
    /// <summary>Quotes a cell, and defuses spreadsheet formulas in customer-derived text.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    /// <summary>UTF-8 with a BOM, so that Excel opens the Chinese text correctly.</summary>
    public static IResult File(string csv, string fileName) =>
        Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "text/csv; charset=utf-8", fileName);
}
