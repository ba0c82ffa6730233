using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentWorkspace.Features;

/// <summary>
/// Workspace durations are written hh:mm:ss, and "24:00:00" means 24 hours. TimeSpan.Parse alone
/// would read it as 24 days (hours above 23 spill into days), so the binder's value is corrected here.
/// </summary>
public static partial class Durations
{
    public static TimeSpan Parse(string text)
    {
        var match = HoursMinutesSeconds().Match(text.Trim());
        if (match.Success)
        {
            var hours = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var minutes = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var seconds = double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
            return TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds);
        }
        return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads every duration of an options object (and of the option groups inside it) again from
    /// its configuration section with <see cref="Parse"/>, so no list of keys has to be kept.
    /// </summary>
    public static void Reread(object options, IConfigurationSection section)
    {
        foreach (var property in options.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (!property.CanWrite && !IsOptionsObject(property.PropertyType))
            {
                continue;
            }
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(TimeSpan))
            {
                if (section[property.Name] is { Length: > 0 } raw)
                {
                    property.SetValue(options, Parse(raw));
                }
            }
            else if (IsOptionsObject(property.PropertyType) && property.GetValue(options) is { } group)
            {
                Reread(group, section.GetSection(property.Name));
            }
        }
    }

    /// <summary>A nested group of options (a class of ours), as opposed to a value or a collection.</summary>
    internal static bool IsOptionsObject(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("AgentWorkspace", StringComparison.Ordinal) == true;

    [GeneratedRegex(@"^(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)$")]
    private static partial Regex HoursMinutesSeconds();
}
