using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentWorkspace.Tests.Infrastructure;

/// <summary>
/// The real app on a clock the test moves: 1-hour rules are checked in milliseconds. No job
/// server runs: the test is the scheduler (it calls the sweep, as the minutely job would), so no
/// background job can fire a rule behind its back, and the jobs it schedules stay in memory (no
/// server would ever read a file of them).
/// </summary>
public sealed class FakeClockApp() : WorkspaceApp(new Dictionary<string, string?> { ["Workspace:Jobs:Storage"] = "InMemory" })
{
    public FakeTimeProvider Clock { get; } = TestClock.NewFake();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        RemoveBackgroundWork(services);
    }
}
