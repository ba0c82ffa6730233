using AgentWorkspace.Features.Search;

namespace AgentWorkspace.Tests.Features.Search;

public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("订单号【230518001】", "订单 单号 号 230518001")]
    [InlineData("無法登錄ＡＰＰ", "无法 法登 登录 录 app")]
    [InlineData("王", "王")]
    [InlineData("", "")]
    [InlineData("！！！", "")]
    public void Index_terms_are_folded_bigrams_and_whole_words(string text, string expected) =>
        Assert.Equal(expected, SearchTerms.ForIndex(text));

    [Fact]
    public void A_query_word_of_two_or_more_cjk_characters_is_a_phrase_of_its_bigrams()
    {
        var word = Assert.Single(SearchTerms.ForQuery("訂單號"));
        Assert.Equal(["订单", "单号"], word.Tokens);
        Assert.False(word.LastIsPrefix);
    }

    [Theory]
    [InlineData("【230518001】", "230518001")]
    [InlineData("230518001", "230518001")]
    [InlineData("[230518001]", "230518001")]
    public void Order_numbers_lose_their_brackets_and_may_go_on(string query, string token)
    {
        var word = Assert.Single(SearchTerms.ForQuery(query));
        Assert.Equal([token], word.Tokens);
        Assert.True(word.LastIsPrefix);
    }

    [Fact]
    public void A_single_character_is_a_prefix_and_spaces_separate_words()
    {
        var words = SearchTerms.ForQuery("王  退款 退款");
        Assert.Equal(2, words.Count);
        Assert.Equal(["王"], words[0].Tokens);
        Assert.True(words[0].LastIsPrefix);
        Assert.Equal(["退款"], words[1].Tokens);
    }

    [Fact]
    public void A_cjk_run_inside_a_query_word_keeps_its_last_character_as_the_index_does()
    {
        // 单号 then digits: in the text the run also ends before the digits, so 号 is a token there too.
        var word = Assert.Single(SearchTerms.ForQuery("单号2305"));
        Assert.Equal(["单号", "号", "2305"], word.Tokens);
        var indexed = SearchTerms.ForIndex("订单号230518001").Split(' ');
        Assert.Contains("号", indexed);
    }

    [Fact]
    public void Punctuation_only_and_blank_queries_have_no_words()
    {
        Assert.Empty(SearchTerms.ForQuery("【】！"));
        Assert.Empty(SearchTerms.ForQuery("   "));
        Assert.Empty(SearchTerms.ForQuery(null));
    }

    [Fact]
    public void Each_word_is_a_phrase_with_a_prefix_last_token_and_all_words_are_required()
    {
        var words = SearchTerms.ForQuery("单号2305 退款");
        Assert.Equal("('单号' <-> '号' <-> '2305':*) & ('退款')", PostgreSqlSearchIndex.TsQuery(words));
        Assert.Equal("\"单号 号 2305\"* AND \"退款\"", SqliteSearchIndex.MatchExpression(words));
    }
}
