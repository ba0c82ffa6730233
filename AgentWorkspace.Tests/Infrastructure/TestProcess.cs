using System.Runtime.CompilerServices;

namespace AgentWorkspace.Tests.Infrastructure;

internal static class TestProcess
{
    /// <summary>
    /// Dozens of app hosts (each with Hangfire workers that block on async jobs, Blazor circuits,
    /// SignalR) share this one process; the thread pool's slow ramp-up would otherwise delay jobs by
    /// seconds. SQLite's busy wait also holds a pool thread while another writer commits. A single
    /// app process never carries that many hosts.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => ThreadPool.SetMinThreads(Math.Max(128, Environment.ProcessorCount * 32), Math.Max(128, Environment.ProcessorCount * 32));
}
