using System.Globalization;

namespace AgentWorkspace.Benchmarks.Circuits;

/// <summary>What the kernel says about the app process (Linux /proc): resident memory and CPU time.</summary>
internal static class ProcessReadings
{
    /// <summary>Resident set size in bytes (VmRSS: what the node's memory actually holds for the process).</summary>
    public static long ResidentBytes(int pid) => StatusKiB(pid, "VmRSS:") * 1024;

    /// <summary>CPU seconds the process has used (user + system).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may contain spaces) start at the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    /// <summary>CPU the process uses over <paramref name="window"/>, in cores (1.0 = one core busy).</summary>
    public static async Task<double> CoresBusyAsync(int pid, TimeSpan window)
    {
        var before = CpuSeconds(pid);
        await Task.Delay(window);
        return (CpuSeconds(pid) - before) / window.TotalSeconds;
    }

    private static long StatusKiB(int pid, string key)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"/proc/{pid}/status has no {key}");
    }
}
