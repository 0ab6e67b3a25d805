package dev.llmos.modeld;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@EnabledIfEnvironmentVariable(named = TestModels.ENV, matches = ".+")
class RealLocalModelTest extends LocalModelContract {
    @Override
    TestModel testModel() {
        return TestModels.real();
    }
}
