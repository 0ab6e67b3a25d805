package dev.llmos.modeld;

class TinyLocalModelTest extends LocalModelContract {
    @Override
    TestModel testModel() {
        return TestModels.tiny();
    }
}
