using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentWorkspace.Tests.Infrastructure;

/// <summary>The real app on a clock the test moves: 1-hour rules are checked in milliseconds.</summary>
public sealed class FakeClockApp : WorkspaceApp
{
    public FakeTimeProvider Clock { get; } = TestClock.NewFake();

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
