package dev.llmos.modeld;

class TinyToolCallingTest extends ToolCallingContract {
    @Override
    TestModel testModel() {
        return TestModels.tiny();
    }
}
