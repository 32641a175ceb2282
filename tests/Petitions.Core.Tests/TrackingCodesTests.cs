using Petitions.Core.Tracking;

namespace Petitions.Core.Tests;

public sealed class TrackingCodesTests
{
    [Fact]
    public void AccessKey_HasAtLeastEightyBitsInReadableGroups()
    {
        var key = TrackingCodes.NewAccessKey();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$", key);
        // 20 symbols of a 32-symbol alphabet = 100 bits.
        Assert.True(TrackingCodes.AccessKeyLength * 5 >= 80);
    }

    [Fact]
    public void AccessKeys_DoNotRepeat()
    {
        var keys = Enumerable.Range(0, 10_000).Select(_ => TrackingCodes.NewAccessKey()).ToHashSet();
        Assert.Equal(10_000, keys.Count);
    }

    [Theory]
    [InlineData("4f7qz k2m8b x9d3t pw6ra", "4F7QZ-K2M8B-X9D3T-PW6RA")]
    [InlineData("4F7QZK2M8BX9D3TPW6RA", "4F7QZ-K2M8B-X9D3T-PW6RA")]
    [InlineData("4F7QZ-K2M8B-X9D3T-PW6RO", "4F7QZ-K2M8B-X9D3T-PW6R0")] // O typed for zero
    [InlineData("IL7QZ-K2M8B-X9D3T-PW6RA", "117QZ-K2M8B-X9D3T-PW6RA")] // I and L typed for one
    public void NormalizeAccessKey_AcceptsWhatPeopleType(string typed, string expected) =>
        Assert.Equal(expected, TrackingCodes.NormalizeAccessKey(typed));

    [Theory]
    [InlineData("")]
    [InlineData("4F7QZ-K2M8B-X9D3T")]          // too short
    [InlineData("4F7QZ-K2M8B-X9D3T-PW6RA-1")]  // too long
    [InlineData("4F7QZ-K2M8B-X9D3T-PW6R!")]    // not in the alphabet
    [InlineData("4F7QZ-K2M8B-X9D3T-PW6RU")]    // U is excluded
    public void NormalizeAccessKey_RejectsWhatCannotBeAKey(string typed) =>
        Assert.Null(TrackingCodes.NormalizeAccessKey(typed));

    [Fact]
    public void Hasher_MatchesOnlyTheSameKeyUnderTheSameSecret()
    {
        var hasher = new AccessKeyHasher(new string('s', 32));
        var key = TrackingCodes.NewAccessKey();
        var hash = hasher.Hash(key);
        Assert.Equal(32, hash.Length);
        Assert.True(hasher.Matches(key, hash));
        Assert.False(hasher.Matches(TrackingCodes.NewAccessKey(), hash));
        Assert.False(new AccessKeyHasher(new string('t', 32)).Matches(key, hash));
    }

    [Theory]
    [InlineData("70NMK－TB8NH")]
    [InlineData("７０ＮＭＫ－ＴＢ８ＮＨ")]
    [InlineData("70NMK—TB8NH")]
    [InlineData("70NMK–TB8NH")]
    [InlineData(" 70 NMK TB8 NH ")]
    [InlineData("70nmk　tb8nh")]
    public void ANumberTypedByAChineseInputMethod_IsTheSameNumber(string typed) =>
        Assert.Equal("70NMK-TB8NH", TrackingCodes.NormalizeTrackingNumber(typed));

    [Fact]
    public void Hasher_RefusesAShortSecret() =>
        Assert.Throws<ArgumentException>(() => new AccessKeyHasher("short"));
}
