using System.Text.RegularExpressions;

namespace AgentWorkspace.Tests.Architecture;

/// <summary>
/// Features may lean on each other, but never in a circle: a reader who changes one must not have
/// to understand all of them. A feature depends on another when its code names a type the other
/// declares or opens its namespace with a using directive (read from the source, Razor included,
/// comments and strings left out).
/// </summary>
public sealed partial class FeatureDependencyTests
{
    [Fact]
    public void Features_do_not_depend_on_each_other_in_a_circle()
    {
        var graph = FeatureGraph.Read(RepositoryRoot());

        var cycle = graph.FindCycle();

        Assert.True(cycle is null, $"Features depend on each other in a circle: {string.Join(" → ", cycle ?? [])}\n{graph.Explain(cycle ?? [])}");
    }

    [Fact]
    public void The_graph_sees_a_dependency_that_exists()
    {
        var graph = FeatureGraph.Read(RepositoryRoot());

        // The queue shows conversations: if this edge vanished, the reader would be blind.
        Assert.Contains("Conversations", graph.DependenciesOf("Queue"));
        Assert.DoesNotContain("Queue", graph.DependenciesOf("Conversations"));
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AgentWorkspace.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("AgentWorkspace.sln not found above " + AppContext.BaseDirectory);
    }

    internal sealed partial class FeatureGraph
    {
        private readonly Dictionary<string, Dictionary<string, string>> _edges = [];

        public static FeatureGraph Read(string root)
        {
            var app = Path.Combine(root, "AgentWorkspace");
            var features = Directory.GetDirectories(Path.Combine(app, "Features")).Select(d => (Name: Path.GetFileName(d), Path: d)).ToList();
            features.Add(("Realtime", Path.Combine(app, "Realtime")));

            var files = features.ToDictionary(f => f.Name, f => Directory.GetFiles(f.Path, "*.*", SearchOption.AllDirectories)
                .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".razor", StringComparison.Ordinal)).ToList());
            var declaredBy = new Dictionary<string, string>();
            foreach (var (feature, paths) in files)
            {
                foreach (var path in paths)
                {
                    var names = Declaration().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value).ToList();
                    if (path.EndsWith(".razor", StringComparison.Ordinal))
                    {
                        names.Add(Path.GetFileNameWithoutExtension(path));
                    }
                    foreach (var name in names)
                    {
                        declaredBy.TryAdd(name, feature);
                    }
                }
            }

            var graph = new FeatureGraph();
            foreach (var (feature, paths) in files)
            {
                var edges = graph._edges[feature] = [];
                foreach (var path in paths)
                {
                    // Razor markup quotes C# in attributes, so only its comments are left out there.
                    var code = (path.EndsWith(".razor", StringComparison.Ordinal) ? RazorComment() : Comment()).Replace(File.ReadAllText(path), " ");
                    // A using directive is a dependency even when nothing it opens is named yet.
                    foreach (Match directive in UsingDirective().Matches(code))
                    {
                        var target = directive.Groups[1].Value;
                        if (target != feature && files.ContainsKey(target))
                        {
                            edges.TryAdd(target, $"{Path.GetRelativePath(root, path)} opens {directive.Value.Trim()}");
                        }
                    }
                    foreach (Match word in Word().Matches(code))
                    {
                        if (declaredBy.TryGetValue(word.Value, out var owner) && owner != feature)
                        {
                            edges.TryAdd(owner, $"{Path.GetRelativePath(root, path)} names {word.Value}");
                        }
                    }
                }
            }
            return graph;
        }

        public IReadOnlyCollection<string> DependenciesOf(string feature) => _edges.GetValueOrDefault(feature)?.Keys ?? (IReadOnlyCollection<string>)[];

        public List<string>? FindCycle()
        {
            var state = new Dictionary<string, int>();
            var path = new List<string>();
            foreach (var start in _edges.Keys.Order())
            {
                if (Visit(start, state, path) is { } cycle)
                {
                    return cycle;
                }
            }
            return null;
        }

        private List<string>? Visit(string node, Dictionary<string, int> state, List<string> path)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return null;
            }
            if (state.GetValueOrDefault(node) == 1)
            {
                return [.. path[path.IndexOf(node)..], node];
            }
            state[node] = 1;
            path.Add(node);
            foreach (var next in DependenciesOf(node).Order())
            {
                if (Visit(next, state, path) is { } cycle)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        public string Explain(IReadOnlyList<string> cycle) =>
            string.Join('\n', cycle.Zip(cycle.Skip(1)).Select(p => $"  {p.First} → {p.Second}: {_edges[p.First][p.Second]}"));

        // Types declared at the top of a file (file-scoped namespaces): nested helpers are private words.
        [GeneratedRegex(@"^(?:(?:public|internal|static|sealed|abstract|partial|readonly)\s+)*(?:class|record|struct|interface|enum)\s+([A-Z]\w*)", RegexOptions.Multiline)]
        private static partial Regex Declaration();

        // Line and block comments, Razor comments and string literals: words there are not dependencies.
        [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@\*.*?\*@|""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
        private static partial Regex Comment();

        [GeneratedRegex(@"^@?using\s+AgentWorkspace\.(?:Features\.)?(\w+)", RegexOptions.Multiline)]
        private static partial Regex UsingDirective();

        [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
        private static partial Regex RazorComment();

        // A capitalised word not reached through a dot: ex.Message is a member, not the Message entity.
        [GeneratedRegex(@"(?<![.\w])[A-Z]\w*\b")]
        private static partial Regex Word();
    }
}
