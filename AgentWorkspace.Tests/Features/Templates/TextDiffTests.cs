using AgentWorkspace.Features.Templates;

namespace AgentWorkspace.Tests.Features.Templates;

public sealed class TextDiffTests
{
    [Theory]
    [InlineData("预计明日送达。", "预计今日18:00前送达。")]
    [InlineData("", "新增的内容")]
    [InlineData("删掉的内容", "")]
    [InlineData("相同", "相同")]
    [InlineData("非常抱歉给您带来不便，我们会在24小时内处理。", "非常理解您的着急，我们会在2小时内给您答复。")]
    public void Applying_the_ops_gives_back_both_versions(string before, string after)
    {
        var ops = TextDiff.Compute(before, after);
        Assert.Equal(before, string.Concat(ops.Where(o => o.Kind != DiffKind.Insert).Select(o => o.Text)));
        Assert.Equal(after, string.Concat(ops.Where(o => o.Kind != DiffKind.Delete).Select(o => o.Text)));
    }

    [Fact]
    public void A_changed_word_is_one_delete_and_one_insert()
    {
        var ops = TextDiff.Compute("预计明日送达", "预计今日送达");
        Assert.Equal([new(DiffKind.Equal, "预计"), new(DiffKind.Delete, "明"), new(DiffKind.Insert, "今"), new(DiffKind.Equal, "日送达")], ops);
    }

    [Fact]
    public void The_diff_keeps_the_longest_common_subsequence_on_random_texts()
    {
        var random = new Random(20261201);
        for (var round = 0; round < 300; round++)
        {
            var before = RandomText(random, random.Next(0, 40));
            var after = RandomText(random, random.Next(0, 40));

            var ops = TextDiff.Compute(before, after);

            var kept = ops.Where(o => o.Kind == DiffKind.Equal).Sum(o => o.Text.Length);
            Assert.Equal(LongestCommonSubsequence(before, after), kept);
            Assert.Equal(before, string.Concat(ops.Where(o => o.Kind != DiffKind.Insert).Select(o => o.Text)));
            Assert.Equal(after, string.Concat(ops.Where(o => o.Kind != DiffKind.Delete).Select(o => o.Text)));
        }
    }

    [Fact]
    public void Comparing_two_long_versions_allocates_kilobytes_not_a_table_of_megabytes()
    {
        var random = new Random(7);
        var before = RandomText(random, TextDiff.MaxLength);
        var after = RandomText(random, TextDiff.MaxLength);
        TextDiff.Compute("预热", "预热一次");

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var ops = TextDiff.Compute(before, after);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.NotEmpty(ops);
        // A length table for 4,000 × 4,000 characters alone is 64 MB.
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "您好订单退款物流已发货";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    private static int LongestCommonSubsequence(string a, string b)
    {
        var previous = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
